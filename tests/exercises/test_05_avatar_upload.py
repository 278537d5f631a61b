"""Exercise 05: /avatar stores real PNGs of at most 64 KB under a made-up name."""

import re

import pytest

from tests.support import PNG_SIGNATURE, tiny_png

MAX_AVATAR_BYTES = 64 * 1024


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    """A temporary upload folder one level down, so ../ from it stays in the temporary tree."""
    return tmp_path_factory.mktemp("exercise05") / "a" / "avatars"


@pytest.fixture(scope="module")
def server(script, module_scripts, upload_dir):
    """The exercise, started once with --upload_dir in a temporary folder."""
    return module_scripts.start(script, f"--upload_dir={upload_dir}")


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def send_avatar(client, filename, data, content_type="image/png"):
    return client.post("/avatar", files={"avatar": (filename, data, content_type)})


def test_png_avatar_is_stored_under_a_made_up_name(client, upload_dir):
    png = tiny_png()
    response = send_avatar(client, "me.png", png)
    assert response.status_code == 201, f"a real PNG should be stored with 201, got {response.status_code}"
    answer = response.json()
    assert answer["size"] == len(png)
    assert re.fullmatch(r"[0-9a-f]{32}\.png", answer["stored_as"]), (
        f"stored_as should be 32 random hex digits + .png, not {answer['stored_as']!r}: never the client's filename"
    )
    assert (upload_dir / answer["stored_as"]).read_bytes() == png, "the file should hold exactly the uploaded bytes"


def test_two_avatars_with_the_same_filename_are_both_kept(client, upload_dir):
    first = send_avatar(client, "same.png", tiny_png())
    second = send_avatar(client, "same.png", tiny_png() + b"!")
    assert (first.status_code, second.status_code) == (201, 201), "the same filename twice should store two files"
    assert first.json()["stored_as"] != second.json()["stored_as"]


def test_png_bytes_are_a_png_whatever_content_type_the_client_sends(client):
    response = send_avatar(client, "avatar", tiny_png(), "application/octet-stream")
    assert response.status_code == 201, "PNG bytes are a PNG: check the bytes, not the client's Content-Type"


def test_other_bytes_claiming_to_be_png_are_a_415_and_stored_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = send_avatar(client, "fake.png", b"GIF89a not a png at all", "image/png")
    assert response.status_code == 415, "a .png name and image/png type are only claims: these bytes are no PNG"
    assert stored_files(upload_dir) == before, "a refused file must not be stored"


def test_body_over_64_kb_is_a_413_and_stores_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = send_avatar(client, "big.png", PNG_SIGNATURE + b"\x00" * MAX_AVATAR_BYTES)
    assert response.status_code == 413, "a body over MAX_AVATAR_BYTES should be a 413 (check it in prepare())"
    assert stored_files(upload_dir) == before, "a too-large file must not be stored"


def test_png_under_the_limit_is_accepted(client):
    response = send_avatar(client, "ok.png", PNG_SIGNATURE + b"\x00" * (60 * 1024))
    assert response.status_code == 201, "60 KB of PNG is under the 64 KB limit"


def test_form_without_an_avatar_is_a_400(client):
    response = client.post("/avatar", files={"picture": ("me.png", tiny_png(), "image/png")})
    assert response.status_code == 400


def test_client_path_in_the_filename_stays_out_of_the_disk(client, upload_dir):
    response = send_avatar(client, "../evil.png", tiny_png())
    assert response.status_code == 201
    assert not (upload_dir.parent / "evil.png").exists(), "../evil.png escaped the upload folder"
    stored_as = response.json()["stored_as"]
    assert "/" not in stored_as, "the stored name should be a plain name, no path"
    assert (upload_dir / stored_as).is_file(), "the file should be inside the upload folder"


def test_nothing_was_written_outside_the_upload_folder(server, upload_dir):
    outside = [p for p in upload_dir.parent.parent.rglob("*") if p.is_file() and upload_dir not in p.parents]
    assert outside == [], f"files written outside the upload folder: {outside}"
