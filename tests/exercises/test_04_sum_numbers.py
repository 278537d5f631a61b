"""Exercise 04: GET /sum?n=1&n=2 adds up every n; a missing or non-integer n is a clear 400."""

TEXT = "text/plain; charset=UTF-8"


def test_one_n_is_its_own_sum(client):
    response = client.get("/sum?n=5")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text.strip() == "5"


def test_every_n_is_added_up(client):
    response = client.get("/sum?n=1&n=2&n=39")
    assert response.status_code == 200
    assert response.text.strip() == "42", "every n counts: get_arguments returns them all, get_argument only the last"


def test_negative_numbers_and_spaces_around_them_are_fine(client):
    response = client.get("/sum?n=-3&n=%2010%20")
    assert response.status_code == 200
    assert response.text.strip() == "7"


def test_a_missing_n_is_a_400_that_says_so(client):
    response = client.get("/sum")
    assert response.status_code == 400, "no n at all should be a 400"
    assert response.headers["Content-Type"] == TEXT, "answer your own plain-text message, not Tornado's HTML page"
    assert "missing" in response.text.lower(), "the message should say that n is missing"


def test_another_argument_does_not_count_as_n(client):
    response = client.get("/sum?m=1")
    assert response.status_code == 400, "only n counts: ?m=1 has no n"
    assert "missing" in response.text.lower(), "the message should say that n is missing"


def test_a_word_is_a_400_not_a_500(client):
    response = client.get("/sum?n=1&n=abc")
    assert response.status_code == 400, "int('abc') raises ValueError: catch it and answer 400"
    assert response.headers["Content-Type"] == TEXT
    assert "abc" in response.text, "the message should name the value that is not an integer"


def test_a_decimal_is_a_400_not_a_500(client):
    response = client.get("/sum?n=1.5")
    assert response.status_code == 400, "1.5 is not an integer: a 400"
    assert "1.5" in response.text


def test_an_empty_n_is_a_400_not_a_500(client):
    response = client.get("/sum?n=")
    assert response.status_code == 400, "?n= gives an empty string, which is not an integer"


def test_invalid_utf8_is_a_400_not_a_500(client):
    response = client.get("/sum?n=%FF")
    assert response.status_code == 400
