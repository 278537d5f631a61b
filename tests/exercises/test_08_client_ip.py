"""Exercise 08: GET /ip answers the socket's peer address, whatever the headers say."""

PLAIN = "text/plain; charset=UTF-8"


def test_ip_answers_the_clients_address_as_plain_text(client):
    response = client.get("/ip")
    assert response.status_code == 200, (
        f"GET /ip should answer 200, not {response.status_code}"
    )
    assert response.headers["Content-Type"] == PLAIN, "keep the text/plain Content-Type"
    assert response.text == "127.0.0.1\n", (
        f"GET /ip from here should answer '127.0.0.1\\n', not {response.text!r}:"
        " which attribute of self.request is the socket's address?"
    )


def test_an_x_forwarded_for_header_does_not_change_the_answer(client):
    response = client.get("/ip", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 200
    assert response.text == "127.0.0.1\n", (
        f"with X-Forwarded-For: 203.0.113.9 the answer was {response.text!r}: "
        "a header is whatever the client wrote, answer the socket's address"
    )


def test_an_x_real_ip_header_does_not_change_the_answer(client):
    response = client.get("/ip", headers={"X-Real-Ip": "203.0.113.9"})
    assert response.status_code == 200
    assert response.text == "127.0.0.1\n", (
        f"with X-Real-Ip: 203.0.113.9 the answer was {response.text!r}: "
        "answer the socket's address, not a header"
    )
