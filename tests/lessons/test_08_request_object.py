"""Lesson 08: self.request's attributes as JSON, and what the client controls."""


def test_request_info_answers_every_attribute_as_json(client, server):
    response = client.get("/request?lang=py&page=2", headers={"X-Demo": "yes"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {
        "method": "GET",
        "uri": "/request?lang=py&page=2",
        "path": "/request",
        "query": "lang=py&page=2",
        "version": "HTTP/1.1",
        "host": f"127.0.0.1:{server.port}",
        "host_name": "127.0.0.1",
        "remote_ip": "127.0.0.1",
        "files": {},
        "body": "",
        "headers": {
            "Host": f"127.0.0.1:{server.port}",
            **client.headers,
            "X-Demo": "yes",
        },
    }


def test_host_is_the_clients_host_header_with_its_port(client):
    response = client.get("/request", headers={"Host": "Example.com:8080"})
    assert response.status_code == 200
    info = response.json()
    assert info["host"] == "Example.com:8080"
    assert info["host_name"] == "example.com"


def test_remote_ip_ignores_forwarded_headers_by_default(client):
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Real-Ip": "203.0.113.9"}
    response = client.get("/request", headers=headers)
    assert response.status_code == 200
    assert response.json()["remote_ip"] == "127.0.0.1"


def test_post_shows_method_and_body(client):
    response = client.post("/request", data={"name": "Ada"})
    assert response.status_code == 200
    info = response.json()
    assert (info["method"], info["body"], info["files"]) == ("POST", "name=Ada", {})
    assert info["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


def test_body_shows_only_its_first_200_bytes(client):
    response = client.post("/request", data={"text": "a" * 500})
    assert response.status_code == 200
    assert response.json()["body"] == "text=" + "a" * 195


def test_files_keep_the_clients_filename_and_type_unchecked(client):
    files = {"file": ("../../evil.txt", b"hello", "image/png")}
    response = client.post("/request", files=files)
    assert response.status_code == 200
    assert response.json()["files"] == {
        "file": [
            {
                "filename": "../../evil.txt",
                "content_type": "image/png",
                "body": "5 bytes",
            }
        ]
    }


def test_malformed_multipart_body_is_a_400_before_the_handler_runs(client, server):
    headers = {"Content-Type": "multipart/form-data; boundary=xyz"}
    response = client.post(
        "/request", data=b"no parts, no final boundary", headers=headers
    )
    assert response.status_code == 400
    assert "Invalid body: Invalid multipart/form-data" in server.log()
