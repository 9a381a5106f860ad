"""mwparserfromhell's parse tree, built from its own tokens without re-parsing each part.

``mwparserfromhell.parse`` tokenizes the text (in C) and hands the tokens to its tree
builder, which makes each node through its public constructor. Every Wikicode-valued
property setter there (a template's name, a parameter's value, a link's title, a tag's
contents, ...) passes its value through ``utils.parse_anything``, whose four
function-level imports run importlib's Python code each time: on the 410 KB bench article
that is about 17,000 calls and a third of the parse. The values are already Wikicode, so
``parse_anything`` returns them as they are.

:func:`parse` builds the same tree (the same classes, the same attributes, the same shared
objects) from the same tokens, setting those Wikicode attributes directly and going
through the public setters for everything else. As those attributes are private, it is
used only for the library versions it was checked against and only when a probe of each
class's constructor shows the attributes expected; otherwise it is ``mwparserfromhell.parse``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import mwparserfromhell
from mwparserfromhell import parser
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import ParserError, tokens
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

#: The versions whose node classes keep their Wikicode in the attributes set below.
CHECKED_VERSIONS = ("0.7.2",)

_Handler = Callable[["_TreeBuilder", Any], Node]


def _code(nodes: list[Node]) -> Wikicode:
    """``Wikicode(SmartList(nodes))``, as the library's builder makes it."""
    return Wikicode(SmartList(nodes))


def _new_text(value: str) -> Text:
    text: Text = object.__new__(Text)
    text._value = value
    return text


class _TreeBuilder:
    """One tree from one token list, read as the library's builder reads it."""

    def __init__(self, token_list: list[Any]) -> None:
        token_list.reverse()
        self._tokens = token_list
        self._pop = token_list.pop

    def nodes_until(self, stops: tuple[type, ...]) -> tuple[list[Node], Any]:
        """The nodes up to the next token of a type in ``stops``, and that token."""
        nodes: list[Node] = []
        append = nodes.append
        pop = self._pop
        token_list = self._tokens
        handlers = _HANDLERS
        text_token = tokens.Text
        while token_list:
            token = pop()
            kind = type(token)
            if kind is text_token:
                append(_new_text(str(token.get("text"))))
            elif kind in stops:
                return nodes, token
            else:
                handler = handlers.get(kind)
                if handler is None:
                    raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
                append(handler(self, token))
        if stops:
            raise ParserError("missed a close token")
        return nodes, None

    def until(self, stops: tuple[type, ...]) -> tuple[Wikicode, Any]:
        """:meth:`nodes_until`, the nodes as Wikicode."""
        nodes, token = self.nodes_until(stops)
        return _code(nodes), token

    def build(self) -> Wikicode:
        return self.until(())[0]

    def template(self, _token: Any) -> Template:
        name, token = self.until(_TEMPLATE_STOPS)
        params: list[Parameter] = []
        default = 1
        while type(token) is tokens.TemplateParamSeparator:
            param, token = self.parameter(default)
            params.append(param)
            if not param.showkey:
                default += 1
        node: Template = object.__new__(Template)
        node._name = name
        node._params = params
        return node

    def parameter(self, default: int) -> tuple[Parameter, Any]:
        key = None
        value, token = self.until(_PARAMETER_STOPS)
        while type(token) is tokens.TemplateParamEquals:
            key = value
            value, token = self.until(_PARAMETER_STOPS)
        param: Parameter = object.__new__(Parameter)
        param._value = value
        if key is None:
            param._name = _code([_new_text(str(default))])
            param.showkey = False
        else:
            param._name = key
            param._showkey = True
        return param, token

    def two_parts(
        self, stops: tuple[type, ...], separator: type
    ) -> tuple[Wikicode, Wikicode | None]:
        """The parts before and after a ``separator`` (``{{{name|default}}}``,
        ``[[title|text]]``): with more separators, the last two parts, as the library keeps."""
        first, token = self.until(stops)
        second = None
        while type(token) is separator:
            if second is not None:
                first = second
            second, token = self.until(stops)
        return first, second

    def argument(self, _token: Any) -> Argument:
        name, default = self.two_parts(_ARGUMENT_STOPS, tokens.ArgumentSeparator)
        node: Argument = object.__new__(Argument)
        node._name = name
        node._default = default
        return node

    def wikilink(self, _token: Any) -> Wikilink:
        title, text = self.two_parts(_WIKILINK_STOPS, tokens.WikilinkSeparator)
        node: Wikilink = object.__new__(Wikilink)
        node._title = title
        node._text = text
        return node

    def external_link(self, opening: Any) -> ExternalLink:
        url, token = self.until(_EXTERNAL_LINK_STOPS)
        title = None
        suppress_space = None
        while type(token) is tokens.ExternalLinkSeparator:
            if title is not None:
                url = title
            suppress_space = token.get("suppress_space")
            title, token = self.until(_EXTERNAL_LINK_STOPS)
        node: ExternalLink = object.__new__(ExternalLink)
        node._url = url
        node._title = title
        node.brackets = opening.get("brackets")
        node.suppress_space = suppress_space is True
        return node

    def entity(self, _token: Any) -> HTMLEntity:
        pop = self._pop
        token = pop()
        if type(token) is tokens.HTMLEntityNumeric:
            token = pop()
            if type(token) is tokens.HTMLEntityHex:
                text = pop()
                pop()  # HTMLEntityEnd
                return HTMLEntity(
                    text.get("text"), named=False, hexadecimal=True, hex_char=token.get("char")
                )
            pop()
            return HTMLEntity(token.get("text"), named=False, hexadecimal=False)
        pop()
        return HTMLEntity(token.get("text"), named=True, hexadecimal=False)

    def heading(self, opening: Any) -> Heading:
        title, _ = self.until(_HEADING_END)
        node: Heading = object.__new__(Heading)
        node._title = title
        node.level = opening.get("level")
        return node

    def comment(self, _token: Any) -> Comment:
        contents, _ = self.until(_COMMENT_END)
        node: Comment = object.__new__(Comment)
        node._contents = str(contents)
        return node

    def attribute(self, start: Any) -> Attribute:
        name = None
        quotes = None
        current, token = self.nodes_until(_ATTRIBUTE_STOPS)
        while True:
            kind = type(token)
            if kind is tokens.TagAttrEquals:
                name = _code(current)
                current, token = self.nodes_until(_ATTRIBUTE_STOPS)
            elif kind is tokens.TagAttrQuote:
                quotes = token.get("char")
                more, token = self.nodes_until(_ATTRIBUTE_STOPS)
                current.extend(more)
            else:
                self._tokens.append(token)
                break
        value: Wikicode | None = _code(current)
        if not name:  # an empty name is falsy Wikicode, as the library's builder reads it
            name, value = _code(current), None
        node: Attribute = object.__new__(Attribute)
        node._name = name
        node._quotes = None
        if value is not None:
            needed = Attribute._value_needs_quotes(value)
            if needed:
                node._quotes = needed[0]
        node._value = value
        node.quotes = quotes
        node.pad_first = start.get("pad_first")
        node.pad_before_eq = start.get("pad_before_eq")
        node.pad_after_eq = start.get("pad_after_eq")
        return node

    def tag(self, opening: Any) -> Tag:
        wiki_markup = opening.get("wiki_markup")
        attrs: list[Attribute] = []
        name = contents = closing_tag = None
        closing_wiki_markup = wiki_markup
        wiki_style_separator = padding = None
        implicit = False
        current, token = self.nodes_until(_TAG_STOPS)
        while True:
            kind = type(token)
            if kind is tokens.TagAttrStart:
                attrs.append(self.attribute(token))
                more, token = self.nodes_until(_TAG_STOPS)
                current.extend(more)
                continue
            if kind is tokens.TagCloseOpen:
                wiki_style_separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                name = _code(current)
            elif kind is tokens.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                contents = _code(current)
            elif kind is tokens.TagCloseSelfclose:
                closing_wiki_markup = token.get("wiki_markup")
                name = _code(current)
                padding = token.get("padding") or ""
                implicit = token.get("implicit") or False
                break
            else:  # TagCloseClose
                closing_tag = _code(current)
                break
            current, token = self.nodes_until(_TAG_STOPS)
        assert name is not None
        assert padding is not None
        node: Tag = object.__new__(Tag)
        node._tag = node._closing_tag = name
        node._contents = contents if contents is not None else _code([])
        node._attrs = attrs
        node._closing_wiki_markup = None
        node.wiki_markup = wiki_markup
        node.self_closing = kind is tokens.TagCloseSelfclose
        node.invalid = opening.get("invalid") or False
        node.implicit = implicit
        node.padding = padding
        if closing_tag is not None:
            node._closing_tag = closing_tag
        node.wiki_style_separator = wiki_style_separator
        if closing_wiki_markup is not None:
            node.closing_wiki_markup = closing_wiki_markup
        return node


_TEMPLATE_STOPS = (tokens.TemplateParamSeparator, tokens.TemplateClose)
_PARAMETER_STOPS = (tokens.TemplateParamEquals, tokens.TemplateParamSeparator, tokens.TemplateClose)
_ARGUMENT_STOPS = (tokens.ArgumentSeparator, tokens.ArgumentClose)
_WIKILINK_STOPS = (tokens.WikilinkSeparator, tokens.WikilinkClose)
_EXTERNAL_LINK_STOPS = (tokens.ExternalLinkSeparator, tokens.ExternalLinkClose)
_HEADING_END = (tokens.HeadingEnd,)
_COMMENT_END = (tokens.CommentEnd,)
_ATTRIBUTE_STOPS = (
    tokens.TagAttrEquals,
    tokens.TagAttrQuote,
    tokens.TagAttrStart,
    tokens.TagCloseOpen,
    tokens.TagCloseSelfclose,
)
_TAG_STOPS = (
    tokens.TagAttrStart,
    tokens.TagCloseOpen,
    tokens.TagOpenClose,
    tokens.TagCloseSelfclose,
    tokens.TagCloseClose,
)
_HANDLERS: dict[type, _Handler] = {
    tokens.TemplateOpen: _TreeBuilder.template,
    tokens.ArgumentOpen: _TreeBuilder.argument,
    tokens.WikilinkOpen: _TreeBuilder.wikilink,
    tokens.ExternalLinkOpen: _TreeBuilder.external_link,
    tokens.HTMLEntityStart: _TreeBuilder.entity,
    tokens.HeadingStart: _TreeBuilder.heading,
    tokens.CommentStart: _TreeBuilder.comment,
    tokens.TagOpenOpen: _TreeBuilder.tag,
}


def parse(text: str) -> Wikicode:
    """``mwparserfromhell.parse(text, skip_style_tags=False)``: the same tree, sooner."""
    if not usable():
        return mwparserfromhell.parse(text, skip_style_tags=False)
    return build_tree(text)


def build_tree(text: str) -> Wikicode:
    """The tree built here, whether or not :func:`usable` (for tests: :func:`parse` is the
    one to call)."""
    return _TreeBuilder(_new_tokenizer().tokenize(text, 0, False)).build()


def _new_tokenizer() -> Any:
    """The tokenizer ``mwparserfromhell.parse`` uses: the C one when it is built."""
    if parser.use_c and parser.CTokenizer is not None:
        return parser.CTokenizer()
    from mwparserfromhell.parser.tokenizer import Tokenizer

    return Tokenizer()


_PROBE = (
    "== a ==\n{{t|1|k = v|{{{x|y}}}}} [[L|t]] [[M]] [http://e.org e] http://f.org &amp;&#65;&#x41;"
    "<!-- c -->''i'' '''b''' <ref name=\"n\" group=g lang='en x'>r</ref><br/><br>\n"
    "{|\n|+ c\n|-\n! h\n| d || e\n|}\n* l\n; t : d\n"
)


@functools.cache
def usable() -> bool:
    """Whether this library version is one :func:`parse` was checked against and a probe
    text comes out the same from both builders, attribute for attribute."""
    if mwparserfromhell.__version__ not in CHECKED_VERSIONS:
        return False
    try:
        fast = build_tree(_PROBE)
    except (AttributeError, TypeError, ValueError, ParserError):
        return False
    return same_objects(fast, mwparserfromhell.parse(_PROBE, skip_style_tags=False))


def same_objects(first: object, second: object) -> bool:
    """Whether two parse results are equal all the way down: the same classes, the same
    attribute names and values, and the same attributes holding one shared object."""
    if type(first) is not type(second):
        return False
    if isinstance(first, list):
        assert isinstance(second, list)
        return len(first) == len(second) and all(map(same_objects, first, second))
    if isinstance(first, Wikicode):
        assert isinstance(second, Wikicode)
        return same_objects(list(first.nodes), list(second.nodes))
    if isinstance(first, (Node, Attribute, Parameter)):
        mine, theirs = vars(first), vars(second)
        if mine.keys() != theirs.keys():
            return False
        names = sorted(mine)
        shared = [n for n in names if isinstance(mine[n], (Wikicode, list))]
        for index, name in enumerate(shared):
            for other in shared[index + 1 :]:
                if (mine[name] is mine[other]) != (theirs[name] is theirs[other]):
                    return False
        return all(same_objects(mine[name], theirs[name]) for name in names)
    return first == second
