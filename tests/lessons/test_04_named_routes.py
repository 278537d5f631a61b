"""Lesson 04: named routes, reverse_url and its escaping, the seed's example."""

import pytest
import tornado.web

INDEX = '<p><a href="/">Home</a></p>\n<p><a href="/user/Ada">Ada</a></p>\n'

# The seed's routes and IndexHandler.get(), as its web page shows them.
SEED_ROUTES = """[
    (r"/", Indexhandler),
    (r"/cpp", ItcastHandler, {"subject":"c++"}),
    url(r"/python", ItcastHandler, {"subject":"python"}, name="python_url")
]"""
SEED_GET = """
python_url = self.reverse_url("python_url")
self.write('itcast' %
           python_url)
"""
ANCHOR_GET = SEED_GET.replace("'itcast'", "'<a href=\"%s\">itcast</a>'")


class IndexHandler(tornado.web.RequestHandler):
    """Stands in for the seed's class of this name."""


class ItcastHandler(tornado.web.RequestHandler):
    """Stands in for the seed's class of this name."""


SEED_NAMES = {
    "url": tornado.web.url,
    "IndexHandler": IndexHandler,
    "ItcastHandler": ItcastHandler,
}


def seed_app(routes=SEED_ROUTES):
    return tornado.web.Application(eval(routes, dict(SEED_NAMES)))


class SeedSelf:
    """What the seed's get() uses of its handler: reverse_url() and write()."""

    def __init__(self, app):
        self.reverse_url = app.reverse_url
        self.written = []

    def write(self, chunk):
        self.written.append(chunk)


def run_seed_get(code):
    handler = SeedSelf(seed_app(SEED_ROUTES.replace("Indexhandler", "IndexHandler")))
    exec(compile(code, "seed", "exec"), {"self": handler})
    return handler.written


def test_the_index_links_to_named_routes_through_reverse_url(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == INDEX


def test_a_route_named_with_url_serves_its_page(client):
    response = client.get("/user/Ada")
    assert response.status_code == 200
    assert response.text == "Profile of Ada\n"


def test_a_four_tuple_names_its_route_like_url_does(client):
    # reverse_url("index") only works if the tuple's fourth element named the
    # route; an unknown name would make the index a 500.
    index = client.get("/", params={"user": "Alan"})
    assert index.status_code == 200
    assert index.text.startswith('<p><a href="/">Home</a></p>\n')


def test_reverse_url_fills_the_group_with_the_url_escaped_argument(client):
    response = client.get("/", params={"user": "Zoë & <Ada>"})
    assert response.status_code == 200
    link = '<p><a href="/user/Zo%C3%AB%20%26%20%3CAda%3E">Zoë &amp; &lt;Ada&gt;</a></p>'
    assert link in response.text


def test_user_input_never_reaches_the_page_as_raw_html(client):
    response = client.get("/", params={"user": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert '"><' not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_escaped_link_leads_back_to_the_same_name(client):
    response = client.get("/user/Zo%C3%AB%20%26%20%3CAda%3E")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert response.text == "Profile of Zoë & <Ada>\n"


def test_reverse_url_leaves_a_slash_unescaped_and_the_pattern_accepts_it(client):
    index = client.get("/", params={"user": "a/b"})
    assert index.status_code == 200
    assert '<p><a href="/user/a/b">a/b</a></p>' in index.text
    response = client.get("/user/a/b")
    assert response.status_code == 200
    assert response.text == "Profile of a/b\n"


def test_a_user_route_without_a_name_is_a_404(client):
    assert client.get("/user/").status_code == 404


def test_invalid_utf8_in_a_name_is_a_400(client):
    assert client.get("/?user=%FF").status_code == 400
    assert client.get("/user/%FF").status_code == 400


def test_an_unknown_route_name_is_a_500_and_a_key_error_in_the_log(client, server):
    mark = len(server.log())
    response = client.get("/broken/typo-in-name")
    assert response.status_code == 500
    assert "KeyError" not in response.text  # no traceback for the visitor
    log = server.wait_for_log("500 GET /broken/typo-in-name", after=mark)
    assert "KeyError: 'idnex not found in named urls'" in log


# --- the seed's example, run as its web page shows it --------------------------


def test_the_seed_routes_to_indexhandler_which_is_a_name_error():
    with pytest.raises(NameError, match="name 'Indexhandler' is not defined"):
        seed_app()


def test_the_seed_routes_build_once_the_class_name_is_right():
    app = seed_app(SEED_ROUTES.replace("Indexhandler", "IndexHandler"))
    assert app.reverse_url("python_url") == "/python"


def test_the_seed_line_without_its_html_is_a_type_error():
    with pytest.raises(TypeError, match="not all arguments converted"):
        run_seed_get(SEED_GET)


def test_the_seed_line_with_its_anchor_back_gives_the_link():
    assert run_seed_get(ANCHOR_GET) == ['<a href="/python">itcast</a>']
