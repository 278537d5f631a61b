"""Exercise 09: every avatar is stored under a new name the server makes up."""

import re

import pytest

from tests.support import tiny_png

NAME = re.compile(r"[0-9a-f]{32}\.png")
STORED_WITH_201 = "a PNG should be stored with 201, not {} (a 500: was the name taken?)"


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    """The upload folder one level down: ../ from it stays in the temporary tree."""
    return tmp_path_factory.mktemp("exercise09") / "a" / "avatars"


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def send_avatar(client, filename, data):
    return client.post("/avatar", files={"avatar": (filename, data, "image/png")})


def test_avatar_is_stored_under_32_hex_digits_and_png(client, upload_dir):
    png = tiny_png()
    response = send_avatar(client, "me.png", png)
    assert response.status_code == 201, STORED_WITH_201.format(response.status_code)
    answer = response.json()
    assert NAME.fullmatch(answer["stored_as"]), (
        f"stored_as should be 32 hex digits from uuid.uuid4().hex and .png, "
        f"not {answer['stored_as']!r}"
    )
    assert answer["size"] == len(png)
    assert (upload_dir / answer["stored_as"]).read_bytes() == png, (
        "the file should hold the bytes sent"
    )


def test_two_avatars_get_two_names_and_both_are_kept(client, upload_dir):
    first = send_avatar(client, "same.png", tiny_png())
    second = send_avatar(client, "same.png", tiny_png() + b"2")
    statuses = (first.status_code, second.status_code)
    assert statuses == (201, 201), (
        f"two uploads should both be 201, not {statuses}: is the name new each time?"
    )
    names = first.json()["stored_as"], second.json()["stored_as"]
    assert names[0] != names[1], (
        f"both uploads got the name {names[0]!r}: make a new one each time"
    )
    assert (upload_dir / names[1]).read_bytes() == tiny_png() + b"2"


def test_the_clients_filename_never_becomes_a_path(client, upload_dir):
    response = send_avatar(client, "../evil.png", tiny_png())
    assert response.status_code == 201, STORED_WITH_201.format(response.status_code)
    assert NAME.fullmatch(response.json()["stored_as"]), (
        "the name is the server's, never the client's"
    )
    assert not (upload_dir.parent / "evil.png").exists(), (
        "../evil.png escaped the upload folder"
    )


def test_other_bytes_are_a_415_and_store_nothing(client, upload_dir):
    before = stored_files(upload_dir)
    response = send_avatar(client, "fake.png", b"GIF89a, not a PNG")
    assert response.status_code == 415, (
        f"bytes that are no PNG should be a 415, not {response.status_code}"
    )
    assert stored_files(upload_dir) == before, "a refused file must not be stored"


def test_form_without_an_avatar_is_a_400(client):
    response = client.post(
        "/avatar", files={"picture": ("me.png", tiny_png(), "image/png")}
    )
    assert response.status_code == 400, (
        f"a form without 'avatar' should be a 400, not {response.status_code}"
    )


def test_nothing_was_written_outside_the_upload_folder(server, upload_dir):
    outside = [
        p
        for p in upload_dir.parent.parent.rglob("*")
        if p.is_file() and upload_dir not in p.parents
    ]
    assert outside == [], f"files written outside the upload folder: {outside}"
