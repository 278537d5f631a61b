"""Exercise 09: every avatar is stored under a new name the server makes up."""

import http.client
import re
from pathlib import Path

import pytest

from tests.support import tiny_png

NAME = re.compile(r"[0-9a-f]{32}\.png")
STORED_WITH_201 = "a PNG should be stored with 201, not {} (a 500: was the name taken?)"
MAX_BYTES = 1024 * 1024
PROC_STATUS = Path("/proc/self/status")


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    """The upload folder one level down: ../ from it stays in the temporary tree."""
    return tmp_path_factory.mktemp("exercise09") / "a" / "avatars"


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def send_avatar(client, data):
    return client.post("/avatar", data=data, headers={"Content-Type": "image/png"})


def post_then_get(server, body):
    """POST a whole body, read the answer, then GET on the same connection."""
    connection = http.client.HTTPConnection(server.connect_host, server.port, timeout=5)
    try:
        connection.request("POST", "/avatar", body=body)
        first = connection.getresponse()
        first.read()
        connection.request("GET", "/avatar")
        return first.status, connection.getresponse().status
    finally:
        connection.close()


def peak_memory_mib(server):
    """The server process's peak resident memory so far (Linux: VmHWM)."""
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


def test_avatar_is_stored_under_32_hex_digits_and_png(client, upload_dir):
    png = tiny_png()
    response = send_avatar(client, png)
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
    first = send_avatar(client, tiny_png())
    second = send_avatar(client, tiny_png() + b"2")
    statuses = (first.status_code, second.status_code)
    assert statuses == (201, 201), (
        f"two uploads should both be 201, not {statuses}: is the name new each time?"
    )
    names = first.json()["stored_as"], second.json()["stored_as"]
    assert names[0] != names[1], (
        f"both uploads got the name {names[0]!r}: make a new one each time"
    )
    assert (upload_dir / names[1]).read_bytes() == tiny_png() + b"2"


def test_other_bytes_are_a_415_and_store_nothing(client, server, upload_dir):
    before, mark = stored_files(upload_dir), len(server.log())
    response = send_avatar(client, b"GIF89a, not a PNG")
    assert response.status_code == 415, (
        f"bytes that are no PNG should be a 415, not {response.status_code}"
    )
    server.wait_for_log("415 POST /avatar", after=mark)
    assert stored_files(upload_dir) == before, "a refused file must not be stored"


def test_a_png_of_exactly_1_mb_is_stored(client, upload_dir):
    png = tiny_png() + bytes(MAX_BYTES - len(tiny_png()))
    response = send_avatar(client, png)
    assert response.status_code == 201, STORED_WITH_201.format(response.status_code)
    assert (upload_dir / response.json()["stored_as"]).read_bytes() == png


def test_a_body_over_1_mb_is_a_413_with_its_reason_and_stores_nothing(
    client, server, upload_dir
):
    before, mark = stored_files(upload_dir), len(server.log())
    response = send_avatar(client, tiny_png() + bytes(MAX_BYTES))
    assert response.status_code == 413, (
        f"a body over 1 MB should get the 413 that is already done, not "
        f"{response.status_code}: leave data_received() and post()'s 413 as they are"
    )
    assert response.reason == "The upload is over 1 MB"
    server.wait_for_log("413 POST /avatar", after=mark)
    assert stored_files(upload_dir) == before, "a refused file must not be stored"


def test_the_413_comes_after_the_whole_body_so_the_connection_stays_open(server):
    # An answer before the body is in would close the connection (and risk a reset).
    statuses = post_then_get(server, tiny_png() + bytes(3 * MAX_BYTES))
    assert statuses == (413, 405), (
        f"POST 3 MB then GET on the same connection gave {statuses}, not (413, 405): "
        "the 413 must come from post(), once data_received() has had the whole body"
    )


@pytest.mark.skipif(not PROC_STATUS.exists(), reason="reads peak memory from /proc")
def test_refusing_a_20_mib_upload_keeps_the_servers_memory_small(client, server):
    before, mark = peak_memory_mib(server), len(server.log())
    response = send_avatar(client, tiny_png() + bytes(20 * 1024 * 1024))
    assert response.status_code == 413
    server.wait_for_log("413 POST /avatar", after=mark)
    growth = peak_memory_mib(server) - before
    assert growth < 8, (
        f"refusing 20 MiB made the server's peak memory grow by {growth:.1f} MiB: "
        "data_received() should keep at most 1 MB and drop the rest"
    )


def test_nothing_was_written_outside_the_upload_folder(server, upload_dir):
    outside = [
        p
        for p in upload_dir.parent.parent.rglob("*")
        if p.is_file() and upload_dir not in p.parents
    ]
    assert outside == [], f"files written outside the upload folder: {outside}"
