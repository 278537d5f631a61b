"""Lesson 05: query getters, defaults, strip, missing arguments, Chinese, bad UTF-8."""

import contextlib
import io
from unittest import mock

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Application, MissingArgumentError, RequestHandler

from tests.support import default_page

TEXT = "text/plain; charset=UTF-8"
DEFAULT_400_PAGE = default_page(400, "Bad Request")
XIAOMING = "%E5%B0%8F%E6%98%8E"  # 小明, percent-encoded UTF-8

# The seed's example of the six getters, as its web page publishes it (the last
# line goes on with the __main__ block, left out here).
SEED_EXAMPLE = """\
class IndexHandler(RequestHandler):
    def post(self):
        query_arg = self.get_query_argument("a")
        query_args = self.get_query_arguments("a")
        body_arg = self.get_body_argument("a")
        body_args = self.get_body_arguments("a", strip=False)
        arg = self.get_argument("a")
        args = self.get_arguments("a")

        default_arg = self.get_argument("b", "itcast")
        default_args = self.get_arguments("b")

        try:
            missing_arg = self.get_argument("c")
        except MissingArgumentError as e:
            missing_arg = "We catched the MissingArgumentError!"
            print e
        missing_args = self.get_arguments("c")

        rep = "query_arg:%s
" % query_arg rep += "query_args:%s
" % query_args rep += "body_arg:%s
" % body_arg rep += "body_args:%s
" % body_args rep += "arg:%s
" % arg rep += "args:%s
" % args rep += "default_arg:%s
" % default_arg rep += "default_args:%s
" % default_args rep += "missing_arg:%s
" % missing_arg rep += "missing_args:%s
" % missing_args self.write(rep)
"""


def with_br_put_back(published):
    """The example before its page lost the HTML: each line break in a string was
    a <br>, and each space before `rep +=` or `self.write` was a line break."""
    code = published.replace('\n"', '<br>"')
    for statement in (" rep += ", " self.write("):
        code = code.replace(statement, "\n        " + statement.lstrip())
    return code


def form_request(uri, body):
    """A request as Tornado's server hands it to a handler, with a parsed form body."""
    headers = {"Host": "127.0.0.1", "Content-Type": "application/x-www-form-urlencoded"}
    request = HTTPServerRequest(
        start_line=RequestStartLine("POST", uri, "HTTP/1.1"),
        headers=HTTPHeaders(headers),
        body=body,
        connection=mock.Mock(),
    )
    request._parse_body()
    return request


# The query getters


def test_args_answers_the_last_value_the_list_and_the_raw_value(client):
    response = client.get("/args?a=1&a=2")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == (
        "get_query_argument:  '2'\n"
        "get_query_arguments: ['1', '2']\n"
        "strip=False:         '2'\n"
    )


def test_the_singular_getter_returns_the_last_of_repeated_values(client):
    response = client.get("/args?a=first&a=middle&a=last")
    assert response.status_code == 200
    assert response.text.splitlines()[0] == "get_query_argument:  'last'"


def test_an_absent_name_gives_the_default_and_an_empty_list():
    # In-process: the lesson's /args has no default on purpose.
    handler = RequestHandler(Application(), form_request("/?b=1", b""))
    assert handler.get_query_argument("a", None) is None
    assert handler.get_query_argument("a", "itcast") == "itcast"
    assert handler.get_query_arguments("a") == []


def test_an_empty_value_is_present_not_missing(client):
    response = client.get("/args?a=")
    assert response.status_code == 200
    assert response.text == (
        "get_query_argument:  ''\nget_query_arguments: ['']\nstrip=False:         ''\n"
    )
    listed = client.get("/args?a=&a=+x+")
    assert listed.text.splitlines()[1] == "get_query_arguments: ['', 'x']"


def test_chinese_arrives_percent_encoded_and_comes_out_as_str(client):
    response = client.get(f"/args?a={XIAOMING}")
    assert response.status_code == 200
    assert response.text == (
        "get_query_argument:  '小明'\n"
        "get_query_arguments: ['小明']\n"
        "strip=False:         '小明'\n"
    )
    assert "\\u" not in response.text


# strip


def test_strip_trims_ascii_and_unicode_whitespace_at_both_ends(client):
    # space, U+3000 ideographic space, U+00A0 no-break space, tab, newline
    response = client.get("/args?a=%20%E3%80%80hi%20there%C2%A0%09%0A")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == (
        "get_query_argument:  'hi there'\n"
        "get_query_arguments: ['hi there']\n"
        "strip=False:         ' \\u3000hi there\\xa0\\t\\n'\n"
    )


def test_strip_keeps_zero_width_characters(client):
    # U+200B zero-width space and U+FEFF are not whitespace to str.strip()
    response = client.get("/args?a=%E2%80%8Bhi%EF%BB%BF")
    assert response.status_code == 200
    assert response.text == (
        "get_query_argument:  '\\u200bhi\\ufeff'\n"
        "get_query_arguments: ['\\u200bhi\\ufeff']\n"
        "strip=False:         '\\u200bhi\\ufeff'\n"
    )


def test_control_characters_become_spaces_even_without_strip(client):
    # Tornado turns \x00-\x08 and \x0e-\x1f into spaces before it strips; DEL stays
    response = client.get("/args?a=a%00b%1Fc%7F")
    assert response.status_code == 200
    assert response.text == (
        "get_query_argument:  'a b c\\x7f'\n"
        "get_query_arguments: ['a b c\\x7f']\n"
        "strip=False:         'a b c\\x7f'\n"
    )


def test_repr_keeps_chinese_but_escapes_invisible_characters(client):
    # The old lesson said "even repr() shows 小明 as is": true for 小明 only.
    assert repr("\u200bhi\ufeff") == "'\\u200bhi\\ufeff'"
    response = client.get(f"/args?a={XIAOMING}%E2%80%8B")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == (
        "get_query_argument:  '小明\\u200b'\n"
        "get_query_arguments: ['小明\\u200b']\n"
        "strip=False:         '小明\\u200b'\n"
    )


# Missing arguments


def test_a_missing_argument_is_tornados_400_page_that_names_nothing(client):
    response = client.get("/args")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == DEFAULT_400_PAGE


def test_the_missing_argument_is_named_only_in_the_server_log(client, server):
    mark = len(server.log())
    assert client.get("/args?b=1").status_code == 400
    log = server.wait_for_log("/args?b=1 (", after=mark)
    assert "400 GET /args?b=1 (127.0.0.1): Missing argument a" in log


def test_catching_missing_argument_error_answers_a_clear_400(client):
    response = client.get("/greet")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "missing argument: name (try /greet?name=小明)\n"


def test_an_empty_name_is_a_400_of_its_own(client):
    response = client.get("/greet?name=%20%20")
    assert response.status_code == 400
    assert response.text == "name must not be empty\n"


def test_the_default_is_used_when_the_argument_is_absent(client):
    response = client.get("/greet?name=Ada")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "你好, Ada!\n"


def test_a_given_argument_wins_over_the_default(client):
    response = client.get("/greet?name=Ada&greeting=Hi")
    assert response.status_code == 200
    assert response.text == "Hi, Ada!\n"


# Chinese and invalid UTF-8


def test_chinese_in_the_query_comes_out_as_text(client):
    response = client.get(f"/greet?name={XIAOMING}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.content == "你好, 小明!\n".encode()


def test_invalid_utf8_in_the_query_is_a_400_not_a_500(client, server):
    mark = len(server.log())
    response = client.get("/greet?name=%FF")
    assert response.status_code == 400
    assert response.text == DEFAULT_400_PAGE
    log = server.wait_for_log("Invalid unicode in name", after=mark)
    assert "Invalid unicode in name: b'\\xff'" in log
    assert "Traceback" not in log


# The seed's example of the six getters


def test_the_seeds_example_as_published_is_a_syntax_error():
    with pytest.raises(SyntaxError):
        compile(SEED_EXAMPLE, "seed", "exec")


def test_its_broken_strings_are_br_tags_the_page_lost():
    code = with_br_put_back(SEED_EXAMPLE)
    assert 'rep = "query_arg:%s<br>" % query_arg\n        rep += "query_args' in code
    # print e is still Python 2; with print(e) the rest compiles as it is
    with pytest.raises(SyntaxError, match="print"):
        compile(code, "seed", "exec")
    compile(code.replace("print e", "print(e)"), "seed", "exec")


def test_the_repaired_example_runs_on_todays_tornado():
    # only the lost <br>s put back and print e written print(e)
    code = with_br_put_back(SEED_EXAMPLE).replace("print e", "print(e)")
    names = {
        "RequestHandler": RequestHandler,
        "MissingArgumentError": MissingArgumentError,
    }
    exec(code, names)

    class Seed(names["IndexHandler"]):
        def write(self, chunk):
            self.written = chunk

    handler = Seed(Application(), form_request("/?a=1&a=2", b"a=3&a=+4+"))
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        handler.post()
    # except MissingArgumentError as e: is today's form, and e names the argument
    assert printed.getvalue() == "HTTP 400: Bad Request (Missing argument c)\n"
    assert handler.written == (
        "query_arg:2<br>query_args:['1', '2']<br>"
        "body_arg:4<br>body_args:['3', ' 4 ']<br>"
        "arg:4<br>args:['1', '2', '3', '4']<br>"
        "default_arg:itcast<br>default_args:[]<br>"
        "missing_arg:We catched the MissingArgumentError!<br>missing_args:[]<br>"
    )
