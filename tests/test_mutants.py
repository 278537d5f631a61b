"""make mutants: which returns it deletes, and how (the run itself is a
maintainer's check, too slow for the suite)."""

import ast

from course.dev.mutants import early_returns, without

SOURCE = """\
class SignupHandler(RequestHandler):
    def post(self):
        if self.taken():
            return self.redirect("/signup")
        if self.bad():
            self.send_error(400)
            return
        self.write("ok")

    def taken(self):
        return self.name in NAMES


class BrokenSignupHandler(RequestHandler):
    def post(self):
        if self.taken():
            return self.redirect("/signup")
        self.write("ok")
"""


def test_only_early_returns_outside_broken_handlers_are_mutated():
    assert [node.lineno for node in early_returns(SOURCE)] == [4, 7]


def test_deleting_a_return_keeps_its_expression_and_the_code_valid():
    first, second = early_returns(SOURCE)
    mutant = without(SOURCE, first)
    assert '            self.redirect("/signup")\n        if self.bad():' in mutant
    mutant = without(SOURCE, second)
    assert "            self.send_error(400)\n            pass\n" in mutant
    for node in (first, second):
        ast.parse(without(SOURCE, node))
        assert without(SOURCE, node).count("\n") == SOURCE.count("\n")
