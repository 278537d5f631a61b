"""Lesson 10: regex groups become get()'s arguments, percent-decoded, whole path."""

import re
import subprocess
import sys

import pytest
import tornado.web

PLAIN = "text/plain; charset=UTF-8"


# Positional and named groups


def test_unnamed_groups_arrive_as_positional_arguments_in_order(client):
    response = client.get("/sub-city/python/beijing")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == PLAIN
    assert response.text == "subject='python' city='beijing'\n"


def test_named_groups_arrive_by_name_whatever_the_parameter_order(client):
    # get(self, date, subject): by position, date would be 'python'.
    response = client.get("/sub-date/python/2016")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == PLAIN
    assert response.text == "subject='python' date='2016'\n"


def test_mixing_named_and_unnamed_groups_fails_at_start_up():
    with pytest.raises(AssertionError, match="all named or all positional"):
        tornado.web.Application(
            [(r"/mix/(?P<subject>[^/]+)/(\d+)", tornado.web.RequestHandler)]
        )


PROBE = """
import tornado.web
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
pattern = r"/mix/(?P<subject>[^/]+)/(\\d+)"
app = tornado.web.Application([(pattern, tornado.web.RequestHandler)])
line = RequestStartLine("GET", "/mix/python/2016", "HTTP/1.1")
request = HTTPServerRequest(start_line=line, headers=HTTPHeaders(Host="x"))
found = app.find_handler(request)
print(found.path_args, found.path_kwargs)
"""


def test_with_python_dash_O_mixed_groups_silently_drop_the_unnamed_ones():
    # -O strips assert statements, Tornado's check too: only the named group arrives.
    command = [sys.executable, "-O", "-c", PROBE]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[] {'subject': b'python'}\n"


def test_the_seeds_group_without_a_name_is_a_regex_error_at_start_up():
    with pytest.raises(re.error, match=r"unknown extension \?P\."):
        tornado.web.Application(
            [(r"/sub-date/(?P.+)/(?P\d+)", tornado.web.RequestHandler)]
        )


# Percent-decoding of the captures


def test_percent_encoded_plus_signs_are_decoded(client):
    response = client.get("/sub-city/c%2B%2B/beijing")
    assert response.status_code == 200
    assert response.text == "subject='c++' city='beijing'\n"


def test_a_plus_in_a_path_stays_a_plus_not_a_space(client):
    response = client.get("/sub-city/c++/beijing")
    assert response.status_code == 200
    assert response.text == "subject='c++' city='beijing'\n"


def test_percent_encoded_space_is_decoded(client):
    response = client.get("/sub-city/machine%20learning/beijing")
    assert response.status_code == 200
    assert response.text == "subject='machine learning' city='beijing'\n"


def test_percent_encoded_chinese_arrives_as_text(client):
    response = client.get("/sub-city/%E7%BC%96%E7%A8%8B/beijing")
    assert response.status_code == 200
    assert response.text == "subject='编程' city='beijing'\n"


def test_an_encoded_slash_passes_one_segment_and_arrives_as_a_slash(client):
    # [^/] sees the raw path, where %2F is three characters, not a slash.
    response = client.get("/sub-city/a%2Fb/beijing")
    assert response.status_code == 200
    assert response.text == "subject='a/b' city='beijing'\n"


def test_invalid_utf8_in_a_capture_is_a_400_not_a_500(client, server):
    response = client.get("/sub-city/%FF/beijing")
    assert response.status_code == 400
    assert "Invalid unicode in url: b'\\xff'" in server.log()


def test_invalid_utf8_in_a_named_capture_is_a_400_too(client):
    assert client.get("/sub-date/%FF/2016").status_code == 400


def test_the_regex_sees_the_raw_path_so_encoded_chinese_is_not_a_to_z(client):
    # 北京 arrives as %E5%8C%97%E4%BA%AC, which [a-z]+ does not match.
    assert client.get("/sub-city/python/%E5%8C%97%E4%BA%AC").status_code == 404


def test_captures_are_answered_as_plain_text_not_html(client):
    response = client.get("/sub-city/%3Cscript%3Ealert(1)%3C%2Fscript%3E/beijing")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == PLAIN
    assert response.text == "subject='<script>alert(1)</script>' city='beijing'\n"


# Anchoring and the greedy (.+)


def test_the_pattern_must_match_to_the_end_of_the_path(client):
    assert client.get("/sub-city/python/beijing2").status_code == 404
    assert client.get("/sub-city/python/beijing/").status_code == 404
    assert client.get("/sub-date/python/2016abc").status_code == 404


def test_the_pattern_must_match_from_the_start_of_the_path(client):
    assert client.get("/x/sub-city/python/beijing").status_code == 404


def test_a_one_segment_group_rejects_extra_slashes(client):
    assert client.get("/sub-city/a/b/c").status_code == 404


def test_broken_greedy_group_swallows_slashes(client):
    response = client.get("/broken/sub-city/a/b/c")
    assert response.status_code == 200
    assert response.text == "subject='a/b' city='c'\n"


def test_broken_group_name_unknown_to_get_is_a_500_type_error(client, server):
    response = client.get("/broken/sub-date/python/2016")
    assert response.status_code == 500
    assert "python" not in response.text, "no traceback or input in the page"
    assert (
        "TypeError: SubjectDateHandler.get() got an unexpected keyword argument 'topic'"
        in server.log()
    )
