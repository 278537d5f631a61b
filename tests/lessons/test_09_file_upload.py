"""Lesson 09: a safe upload behind XSRF, its size limits, and the seed's upload."""

import asyncio
import re
import socket

import pytest
import tornado.iostream

from course.environment import ROOT
from tests.support import raw_exchange, tiny_png

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_BODY_BYTES = 4 * MAX_UPLOAD_BYTES
STORED = re.compile(
    r'<p id="stored">Stored (.*) \((\d+) bytes, (.+)\) as ([0-9a-f]{32}\.[a-z]+)\.</p>'
)
TOKEN_FIELD = re.compile(r'<input type="hidden" name="_xsrf" value="([^"]+)"/>')


def repository_snapshot():
    """What the lesson could leave in the repository: uploads/ and ./itcast."""
    uploads = ROOT / "uploads"
    return {
        "uploads": sorted(p.name for p in uploads.iterdir())
        if uploads.is_dir()
        else None,
        "itcast": (ROOT / "itcast").exists(),
        "evil.txt": (ROOT / "evil.txt").exists(),
    }


@pytest.fixture(scope="module")
def repository_before():
    """The repository as it was before this module's server started."""
    return repository_snapshot()


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    """The upload folder two levels down: ../../ from it stays in the tmp tree."""
    return tmp_path_factory.mktemp("lesson09") / "a" / "b" / "uploads"


@pytest.fixture(scope="module")
def server(script, module_scripts, script_args, repository_before):
    """The lesson with its temporary --upload_dir, started after the snapshot."""
    return module_scripts.start(script, *script_args)


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def xsrf_token(client):
    """GET the form as a browser does: the session keeps the _xsrf cookie."""
    return TOKEN_FIELD.search(client.get("/upload").text)[1]


def upload(client, filename, data, content_type="application/octet-stream", **where):
    """Submit the upload form with its XSRF token, as a browser would."""
    field, path = where.get("field", "file"), where.get("path", "/upload")
    files = {field: (filename, data, content_type)}
    return client.post(path, data={"_xsrf": xsrf_token(client)}, files=files)


# The upload form and XSRF


def test_upload_form_sets_the_xsrf_cookie_and_hides_the_token(client):
    response = client.get("/upload")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert "_xsrf" in client.cookies
    form = '<form action="/upload" method="post" enctype="multipart/form-data">'
    assert form in response.text
    token = TOKEN_FIELD.search(response.text)[1]
    assert re.fullmatch(r"2\|[0-9a-f]+\|[0-9a-f]+\|\d+", token)
    assert '<input type="file" name="file" required>' in response.text
    assert '<button type="submit">Upload</button>' in response.text
    assert 'id="stored"' not in response.text


def test_post_without_xsrf_token_is_a_403_and_stores_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = client.post("/upload", files={"file": ("a.txt", b"hello", "text/plain")})
    assert response.status_code == 403
    assert stored_files(upload_dir) == before


def test_token_that_does_not_match_the_cookie_is_a_403(client, server, upload_dir):
    before = stored_files(upload_dir)
    xsrf_token(client)  # the cookie is set, but the field below is another token
    fields = {"_xsrf": "2|00000000|abcd|1"}
    response = client.post("/upload", data=fields, files={"file": ("a.txt", b"hi")})
    assert response.status_code == 403
    assert "XSRF cookie does not match POST argument" in server.log()
    assert stored_files(upload_dir) == before


def test_xsrf_token_may_come_as_a_header(client):
    headers = {"X-XSRFToken": xsrf_token(client)}
    response = client.post("/upload", files={"file": ("a.txt", b"hi")}, headers=headers)
    assert response.status_code == 200
    assert STORED.search(response.text)


# Storing safely


def test_upload_stores_the_bytes_unchanged_under_a_new_name(client, upload_dir):
    png = tiny_png()
    response = upload(client, "photo.png", png, "image/png")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    filename, size, content_type, name = STORED.search(response.text).groups()
    assert (filename, int(size), content_type) == ("photo.png", len(png), "image/png")
    assert name.endswith(".png")
    assert (upload_dir / name).read_bytes() == png


def test_two_uploads_with_the_same_name_do_not_overwrite(client, upload_dir):
    first = STORED.search(upload(client, "same.txt", b"first").text)[4]
    second = STORED.search(upload(client, "same.txt", b"second").text)[4]
    assert first != second
    assert (upload_dir / first).read_bytes() == b"first"
    assert (upload_dir / second).read_bytes() == b"second"


def test_client_path_in_the_filename_never_reaches_the_disk(client, upload_dir):
    before = stored_files(upload_dir)
    response = upload(client, "../../evil.txt", b"evil")
    assert response.status_code == 200
    new = set(stored_files(upload_dir)) - set(before)
    assert len(new) == 1, "exactly one new file, inside the upload folder"
    assert re.fullmatch(r"[0-9a-f]{32}\.bin", new.pop())
    temporary_tree = upload_dir.parent.parent.parent
    assert list(temporary_tree.rglob("evil.txt")) == [], (
        "nothing named after the client"
    )


def test_png_name_and_type_with_other_bytes_is_not_stored_as_png(client):
    response = upload(client, "photo.png", b"<script>no picture</script>", "image/png")
    assert response.status_code == 200
    _, _, content_type, name = STORED.search(response.text).groups()
    assert content_type == "application/octet-stream"
    assert name.endswith(".bin")


def test_png_bytes_are_a_png_whatever_the_client_says(client):
    response = upload(client, "notes.txt", tiny_png(), "text/plain")
    assert response.status_code == 200
    _, _, content_type, name = STORED.search(response.text).groups()
    assert content_type == "image/png"
    assert name.endswith(".png")


@pytest.mark.parametrize(
    ("start", "content_type", "extension"),
    [
        (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg", ".jpg"),
        (b"GIF89a", "image/gif", ".gif"),
        (b"%PDF-1.7", "application/octet-stream", ".bin"),
    ],
)
def test_type_and_extension_come_from_the_first_bytes(
    client, start, content_type, extension
):
    response = upload(client, "upload.dat", start + b"rest of the file", "text/plain")
    assert response.status_code == 200
    _, _, sniffed, name = STORED.search(response.text).groups()
    assert (sniffed, name[32:]) == (content_type, extension)


def test_filename_is_html_escaped_in_the_answer(client):
    response = upload(client, "<script>alert(1)</script>.txt", b"x")
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert (
        STORED.search(response.text)[1] == "&lt;script&gt;alert(1)&lt;/script&gt;.txt"
    )


def test_chinese_filename_comes_back_as_sent(client):
    response = upload(client, "头像.png", tiny_png(), "image/png")
    assert response.status_code == 200
    assert STORED.search(response.text)[1] == "头像.png"


def test_malformed_multipart_body_is_a_400_not_a_500(client, upload_dir):
    before = stored_files(upload_dir)
    headers = {
        "X-XSRFToken": xsrf_token(client),
        "Content-Type": "multipart/form-data; boundary=xyz",
    }
    response = client.post(
        "/upload", data=b"no parts, no final boundary", headers=headers
    )
    assert response.status_code == 400
    assert stored_files(upload_dir) == before


def test_form_without_a_file_is_a_400_and_stores_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = client.post("/upload", data={"_xsrf": xsrf_token(client), "note": "hi"})
    assert response.status_code == 400
    assert stored_files(upload_dir) == before


def test_a_file_in_another_field_is_a_400_too(client, upload_dir):
    before = stored_files(upload_dir)
    response = upload(client, "me.png", tiny_png(), "image/png", field="img")
    assert response.status_code == 400
    assert stored_files(upload_dir) == before


# Size limits


def test_body_over_1_mb_is_a_413_and_stores_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = upload(client, "big.bin", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert stored_files(upload_dir) == before


def test_file_just_under_1_mb_is_stored(client, upload_dir):
    response = upload(client, "almost.bin", b"x" * (MAX_UPLOAD_BYTES - 1024))
    assert response.status_code == 200
    name = STORED.search(response.text)[4]
    assert (upload_dir / name).stat().st_size == MAX_UPLOAD_BYTES - 1024


def test_body_over_max_body_size_gets_a_bare_400_and_a_closed_connection(server):
    # Only the headers are sent: the server refuses on Content-Length alone,
    # before any XSRF check or handler, and hangs up.
    request = b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
    answer = raw_exchange(server, request % (MAX_BODY_BYTES + 1))
    assert answer == b"HTTP/1.1 400 Bad Request\r\n\r\n"
    assert "Content-Length too long" in server.log()


def test_body_of_max_body_size_is_read_and_gets_the_clear_413(server):
    request = (
        b"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: _xsrf=t\r\nX-XSRFToken: t\r\n"
        b"Content-Length: %d\r\n\r\n"
    )
    with socket.create_connection(
        (server.connect_host, server.port), timeout=5
    ) as sock:
        sock.sendall(request % MAX_BODY_BYTES)
        sock.sendall(b"x" * MAX_BODY_BYTES)
        status_line = sock.recv(4096).split(b"\r\n")[0]
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"


def test_tornados_default_max_body_size_is_100_mb():
    # listen() without max_body_size: Tornado falls back to the stream's buffer size.
    async def default_size():
        with socket.socket() as sock:
            return tornado.iostream.IOStream(sock).max_buffer_size

    assert asyncio.run(default_size()) == 100 * 1024 * 1024


# The seed's upload


def test_seed_upload_is_a_500_after_w_plus_already_emptied_the_file(
    client, server, upload_dir
):
    upload_dir.mkdir(parents=True, exist_ok=True)
    (upload_dir / "itcast").write_bytes(b"the previous upload")
    path = "/broken/upload"
    response = upload(client, "me.png", tiny_png(), "image/png", field="img", path=path)
    assert response.status_code == 500
    assert "TypeError: write() argument must be str, not bytes" in server.log()
    # "w+" emptied the file before write() failed: the previous upload is gone.
    assert (upload_dir / "itcast").read_bytes() == b""


def test_nothing_was_written_outside_the_upload_folder(
    server, repository_before, upload_dir
):
    assert repository_snapshot() == repository_before
    temporary_tree = upload_dir.parent.parent.parent
    outside = [
        p
        for p in temporary_tree.rglob("*")
        if p.is_file() and upload_dir not in p.parents
    ]
    assert outside == []
