"""Lesson 09: a safe upload behind XSRF, its size limits, and the seed's upload."""

import asyncio
import http.client
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import tornado.iostream

from course.environment import ROOT
from tests.support import raw_exchange, tiny_png

MAX_UPLOAD_BYTES = 1024 * 1024
THREE_MIB = 3 * 1024 * 1024
PROC_STATUS = Path("/proc/self/status")
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


def post_then_get(server, body, headers):
    """POST a whole body, read the answer, then GET on the same connection."""
    connection = http.client.HTTPConnection(server.connect_host, server.port, timeout=5)
    try:
        connection.request("POST", "/upload", body=body, headers=headers)
        first = connection.getresponse()
        first.read()
        connection.request("GET", "/upload")
        second = connection.getresponse()
        second.read()
        return (first.status, first.reason), second.status
    finally:
        connection.close()


def curl(*args):
    """The real curl binary (it sends Expect: 100-continue for big bodies)."""
    found = shutil.which("curl")
    assert found, "this test runs the real curl: install it (Debian: apt install curl)"
    return subprocess.run([found, *args], capture_output=True, text=True, timeout=30)


def peak_memory_mib(server):
    """The server process's peak resident memory so far (Linux: VmHWM)."""
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


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


def test_xsrf_cookie_is_samesite_lax(client):
    response = client.get("/upload")
    assert response.status_code == 200
    assert "; SameSite=Lax" in response.headers["Set-Cookie"]


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


def test_body_over_1_mb_is_a_413_with_its_reason_and_stores_nothing(
    client, server, upload_dir
):
    before, mark = stored_files(upload_dir), len(server.log())
    response = upload(client, "big.bin", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert response.reason == "The upload is over 1 MB"
    server.wait_for_log("413 POST /upload", after=mark)
    assert stored_files(upload_dir) == before


def test_file_just_under_1_mb_is_stored(client, upload_dir):
    response = upload(client, "almost.bin", b"x" * (MAX_UPLOAD_BYTES - 1024))
    assert response.status_code == 200
    name = STORED.search(response.text)[4]
    assert (upload_dir / name).stat().st_size == MAX_UPLOAD_BYTES - 1024


def test_413_comes_after_the_whole_body_so_the_connection_stays_open(server):
    # An answer before the body is in would close the connection (and risk a reset).
    token = {"Cookie": "_xsrf=t", "X-XSRFToken": "t"}
    first, second = post_then_get(server, b"x" * THREE_MIB, token)
    assert first == (413, "The upload is over 1 MB")
    assert second == 200, "the same connection answers the next request"


def test_big_body_without_a_token_is_refused_after_it_has_arrived(server):
    # Tornado checks XSRF before the body arrives: an early 403 would close too.
    first, second = post_then_get(server, b"x" * THREE_MIB, {})
    assert first == (413, "The upload is over 1 MB")
    assert second == 200


def test_real_curl_sends_3_mib_with_expect_100_continue_and_reads_the_413(
    server, tmp_path
):
    big = tmp_path / "big.png"
    big.write_bytes(tiny_png() + b"x" * THREE_MIB)
    url, form = server.url("/upload"), ["-b", "_xsrf=t", "-F", "_xsrf=t"]
    done = curl("-sS", "-D", "-", "-o", "/dev/null", *form, "-F", f"file=@{big}", url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "HTTP/1.1 100 (Continue)"
    assert "HTTP/1.1 413 The upload is over 1 MB" in done.stdout.splitlines()


@pytest.mark.skipif(not PROC_STATUS.exists(), reason="reads peak memory from /proc")
def test_refusing_a_20_mib_upload_keeps_the_servers_memory_small(
    client, server, upload_dir
):
    before, mark = peak_memory_mib(server), len(server.log())
    response = upload(client, "huge.bin", b"x" * (20 * 1024 * 1024))
    assert response.status_code == 413
    server.wait_for_log("413 POST /upload", after=mark)
    growth = peak_memory_mib(server) - before
    assert growth < 8, f"the server's peak memory grew by {growth:.1f} MiB"


def test_content_length_over_100_mb_gets_a_bare_400_and_a_closed_connection(server):
    # Only the headers are sent: Tornado refuses on Content-Length alone, before
    # any handler runs, and hangs up. Past max_body_size nothing is read.
    request = b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
    answer = raw_exchange(server, request % (100 * 1024 * 1024 + 1))
    assert answer == b"HTTP/1.1 400 Bad Request\r\n\r\n"
    assert "Content-Length too long" in server.log()


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
