"""Unit tests of the glossary: data validation, term linking, page rendering, jieba words."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import jieba
import pytest
import yaml
from mkdocs.exceptions import PluginError

from conftest import DOCS
from glossary import _relink_after_search, _unlink_for_search, jieba_words
from glossary_cache import LinkCache
from glossary_data import GlossaryError, Term, load_glossary
from glossary_links import Mention, TermAnchors, TermMatcher, apply_links, find_links, without_links
from glossary_page import Usage, definition_html, fill_backlinks, glossary_html, glossary_index_html, pinyin_keys, reading_order

ENTRIES = [
    {
        "id": "rope",
        "area": "architecture",
        "zh": "旋转位置编码",
        "en": "Rotary position embedding",
        "abbr": "RoPE",
        "aliases": {"zh": ["旋转位置嵌入"], "en": ["rotary embedding"]},
        "definition": {"zh": "按位置旋转 query 和 key。", "en": "Rotates queries and keys by position."},
        "see": ["positional-encoding"],
    },
    {
        "id": "positional-encoding",
        "area": "architecture",
        "zh": "位置编码",
        "en": "Positional encoding",
        "definition": {"zh": "向模型注入顺序信息。", "en": "Gives the model token order."},
    },
    {
        "id": "lora",
        "area": "training",
        "zh": "低秩适配",
        "en": "Low-rank adaptation",
        "abbr": "LoRA",
        "definition": {"zh": "只训练低秩增量矩阵。", "en": "Trains only a low-rank update."},
    },
    {
        "id": "qlora",
        "area": "training",
        "zh": "量化低秩适配",
        "en": "Quantized low-rank adaptation",
        "abbr": "QLoRA",
        "definition": {"zh": "在 4 bit 量化底座上训练 LoRA。", "en": "LoRA on a 4-bit quantized base."},
        "see": ["lora"],
    },
]


def write_glossary(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def terms(tmp_path: Path) -> list[Term]:
    return load_glossary(write_glossary(tmp_path, ENTRIES))


def link_terms(html: str, terms: list[Term], language: str, href: str = "../glossary/{area}/") -> tuple[str, list[Mention]]:
    """The page linked as the glossary hook links it, and the mentions it records."""
    links, mentions = find_links(html, TermMatcher(terms, language))
    term_anchors = TermAnchors(terms, language)
    return apply_links(html, links, lambda term_id, text: term_anchors.anchor(term_id, text, lambda area: href.format(area=area))), mentions


def link(html: str, terms: list[Term], language: str) -> str:
    return link_terms(html, terms, language)[0]


# --- data validation ---------------------------------------------------------------


def broken(change: dict, index: int = 0) -> list[dict]:
    entries = [dict(entry) for entry in ENTRIES]
    entries[index].update(change)
    return [{k: v for k, v in entry.items() if v is not None} for entry in entries]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (broken({"en": None}), "entry 1 ('rope'): missing or empty 'en' name"),
        (broken({"zh": "  "}), "entry 1 ('rope'): missing or empty 'zh' name"),
        (broken({"definition": {"zh": "有中文。"}}), "entry 1 ('rope'): missing or empty 'definition.en'"),
        (broken({"definition": {"zh": "", "en": "x"}}), "entry 1 ('rope'): missing or empty 'definition.zh'"),
        (broken({"see": ["no-such-term"]}), "entry 'rope': 'see' names unknown term id 'no-such-term'"),
        (broken({"id": "lora"}), "entry 'lora': duplicate id"),
        (broken({"aliases": {"zh": ["低秩适配"]}}), "entry 'lora': name or alias '低秩适配' is also used by 'rope'"),
        (broken({"abbr": "lora"}, 3), "name or alias 'lora' is also used by 'lora'"),
        (broken({"area": "misc"}), "entry 1 ('rope'): 'area' must be one of"),
        (broken({"id": "RoPE"}), "entry 1 ('RoPE'): 'id' must be lower-case ASCII"),
        (broken({"colour": "red"}), "entry 1 ('rope'): unknown key(s) ['colour']"),
        (broken({"definition": {"zh": "**旋转**。", "en": "x"}}), "'definition.zh' must be plain text with $...$ formulas, found '**'"),
        (broken({"definition": {"zh": "x", "en": "See [RoPE](x.md)."}}), "'definition.en' must be plain text with $...$ formulas, found ']('"),
        (broken({"definition": {"zh": "x", "en": "Uses <b>x</b>."}}), "found '<b'"),
        (broken({"definition": {"zh": "x", "en": "Costs $O(n^2)."}}), "'definition.en' has an unclosed $...$ formula"),
    ],
)
def test_bad_data_is_refused_with_entry_and_problem(tmp_path: Path, entries: list[dict], message: str) -> None:
    path = write_glossary(tmp_path, entries)
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_project_glossary_is_valid_and_large_enough() -> None:
    terms = load_glossary(DOCS / "glossary.yml")
    assert len(terms) >= 150


# --- linking ------------------------------------------------------------------------


def test_longest_match_wins(terms: list[Term]) -> None:
    zh = link("<p>旋转位置编码比位置编码新。</p>", terms, "zh")
    assert 'href="../glossary/architecture/#rope" title="按位置旋转 query 和 key。">旋转位置编码</a>' in zh
    assert '#positional-encoding" title="向模型注入顺序信息。">位置编码</a>' in zh
    en = link("<p>QLoRA extends LoRA.</p>", terms, "en")
    assert 'href="../glossary/training/#qlora"' in en and ">QLoRA</a>" in en
    assert 'href="../glossary/training/#lora"' in en and ">LoRA</a>" in en


def test_english_matches_whole_words_in_any_case_and_plural(terms: list[Term]) -> None:
    assert "<a " not in link("<p>LoRAs? no: xLoRA and LoRAx are other words.</p>", terms, "en").replace("LoRAs", "")
    html = link("<p>Positional encodings matter.</p>", terms, "en")
    assert '#positional-encoding"' in html and ">Positional encodings</a>" in html


def test_abbreviations_match_case_sensitively(terms: list[Term]) -> None:
    assert "<a " not in link("<p>the word lora in lower case</p>", terms, "en")


def test_chinese_matches_inside_running_text(terms: list[Term]) -> None:
    html = link("<p>我们用低秩适配微调，再用LoRA合并。</p>", terms, "zh")
    assert ">低秩适配</a>" in html
    assert ">LoRA</a>" not in html  # same term, already linked in this section


def test_first_mention_per_section_only(terms: list[Term]) -> None:
    html = link('<p>RoPE 与 RoPE。</p><h2 id="b">第二题</h2><p>RoPE。</p>', terms, "zh")
    assert html.count("glossary-term") == 2


def test_code_math_headings_and_links_are_left_alone(terms: list[Term]) -> None:
    source = (
        '<h2 id="a">RoPE 是什么？</h2><p><code>RoPE</code> <span class="arithmatex">\\(RoPE\\)</span> '
        '<a href="x">RoPE</a></p><pre><code>RoPE</code></pre><svg><text>RoPE</text></svg>'
    )
    assert link(source, terms, "zh") == source


def test_mentions_record_the_question(terms: list[Term]) -> None:
    _, mentions = link_terms('<p>LoRA</p><h2 id="lora-idea">LoRA 的思路？<a class="headerlink" href="#lora-idea">¶</a></h2><p>LoRA</p>', terms, "zh", "g/")
    assert [(m.term_id, m.section_id, m.section_title) for m in mentions] == [("lora", "", ""), ("lora", "lora-idea", "LoRA 的思路？")]


def test_a_question_whose_heading_names_a_term_uses_it(terms: list[Term]) -> None:
    page = '<h2 id="rope-idea">旋转位置编码（RoPE）的思路？</h2><p>按位置旋转 query 与 key。</p><h2 id="b">其他</h2><p>RoPE</p>'
    html, mentions = link_terms(page, terms, "zh", "g/")
    assert [(m.term_id, m.section_id) for m in mentions] == [("rope", "rope-idea"), ("rope", "b")]
    assert html.count("glossary-term") == 1, "headings stay unlinked"



def topic_page(content: str) -> SimpleNamespace:
    """What the search read events look at: the page's source path and its content."""
    return SimpleNamespace(file=SimpleNamespace(src_uri="architecture/x.md"), content=content)


def test_the_search_plugin_reads_a_topic_page_without_its_term_links_and_the_links_come_back(terms: list[Term]) -> None:
    source = '<p>RoPE 与 LoRA（<code>RoPE</code>）。</p><h2 id="b">第二题</h2><p>QLoRA 与 RoPE &amp; 位置编码</p>'
    linked = link(source, terms, "zh")
    assert linked.count("glossary-term") == 5 and without_links(linked) == source
    page = topic_page(linked)
    _unlink_for_search({}, page, None, None)
    assert page.content == source, "what the search plugin reads"
    _relink_after_search({}, page, None, None)
    assert page.content == linked


def test_a_topic_page_changed_while_the_search_plugin_read_it_stops_the_build(terms: list[Term]) -> None:
    page = topic_page(link("<p>RoPE</p>", terms, "zh"))
    _unlink_for_search({}, page, None, None)
    page.content += "<p>added meanwhile</p>"
    with pytest.raises(PluginError, match="architecture/x.md: the page changed while the search plugin read it"):
        _relink_after_search({}, page, None, None)


CACHED_PAGE = '<p>RoPE 与 LoRA。</p><h2 id="b">QLoRA 的思路？</h2><p>RoPE，LoRA</p>'


def test_a_later_build_reuses_the_links_of_a_page_whose_html_is_unchanged(terms: list[Term], tmp_path: Path) -> None:
    data, cache_dir = write_glossary(tmp_path, ENTRIES), tmp_path / "cache"
    found = find_links(CACHED_PAGE, TermMatcher(terms, "zh"))
    first_build = LinkCache(cache_dir, [data])
    first_build.put("zh:a.md", CACHED_PAGE, *found)
    first_build.save()
    later_build = LinkCache(cache_dir, [data])
    assert found[0] and found[1] and later_build.get("zh:a.md", CACHED_PAGE) == found
    assert later_build.get("zh:a.md", CACHED_PAGE.replace("RoPE，", "")) is None, "the page changed"
    assert later_build.get("en:a.md", CACHED_PAGE) is None, "another page"


def test_a_changed_glossary_starts_a_new_link_cache_and_only_used_entries_are_kept(terms: list[Term], tmp_path: Path) -> None:
    data, cache_dir = write_glossary(tmp_path, ENTRIES), tmp_path / "cache"
    found = find_links(CACHED_PAGE, TermMatcher(terms, "zh"))
    first_build = LinkCache(cache_dir, [data])
    first_build.put("zh:a.md", CACHED_PAGE, *found)
    first_build.put("zh:gone.md", CACHED_PAGE, *found)
    first_build.save()
    second_build = LinkCache(cache_dir, [data])
    assert second_build.get("zh:a.md", CACHED_PAGE) == found
    second_build.save()
    assert LinkCache(cache_dir, [data]).get("zh:gone.md", CACHED_PAGE) is None, "a page no build asked for is dropped"
    write_glossary(tmp_path, ENTRIES[:2])
    edited = LinkCache(cache_dir, [data])
    assert edited.get("zh:a.md", CACHED_PAGE) is None
    edited.put("zh:a.md", CACHED_PAGE, *find_links(CACHED_PAGE, TermMatcher(load_glossary(data), "zh")))
    edited.save()
    assert [path.name for path in cache_dir.iterdir()] == [edited.path.name], "the old glossary's file is removed"


# --- glossary page and search dictionary ---------------------------------------------


def area_page(area: str) -> str:
    """Links as from the `architecture` area page: itself "", the others their folder."""
    return "" if area == "architecture" else f"../{area}/"


def test_area_page_has_one_section_per_term_with_same_ids_in_both_languages(terms: list[Term], tmp_path: Path) -> None:
    (zh, zh_headings), (en, en_headings) = (
        glossary_html(reading_order(terms, language, tmp_path / "pinyin.json"), language, "architecture", area_page) for language in ("zh", "en")
    )
    assert '<h2 id="rope">旋转位置编码（RoPE）<a class="headerlink" href="#rope">&para;</a></h2>' in zh
    assert '<h2 id="rope">Rotary position embedding (RoPE)<a class="headerlink" href="#rope">' in en
    assert "<strong>英文</strong>：Rotary position embedding (RoPE)" in zh and "<strong>Chinese:</strong> 旋转位置编码（RoPE）" in en
    assert '<a href="#positional-encoding">位置编码</a>' in zh, "a related term of the same area links within the page"
    assert 'id="lora"' not in zh, "other areas' terms have their own page"
    assert zh.count('<div class="glossary-entry">') == 2, "each entry's body is one block, rendered on demand"
    assert zh_headings == [("positional-encoding", "位置编码"), ("rope", "旋转位置编码（RoPE）")]
    assert [anchor for anchor, _ in en_headings] == ["positional-encoding", "rope"]


def test_related_terms_of_another_area_link_to_its_page(tmp_path: Path) -> None:
    qlora = {**ENTRIES[3], "see": ["lora", "rope"]}
    terms = load_glossary(write_glossary(tmp_path, [*ENTRIES[:3], qlora]))
    training, _ = glossary_html(terms, "en", "training", lambda area: "" if area == "training" else f"../{area}/")
    assert '<a href="../architecture/#rope">Rotary position embedding (RoPE)</a>' in training
    assert '<a href="#lora">Low-rank adaptation (LoRA)</a>' in training


def test_index_lists_every_term_by_area(terms: list[Term]) -> None:
    zh, headings = glossary_index_html(terms, "zh", lambda area: f"{area}/")
    assert zh.index('<h2 id="architecture">模型架构') < zh.index('<li><a href="architecture/#positional-encoding">位置编码</a></li>')
    assert zh.index('<h2 id="training">训练与微调') < zh.index('<li><a href="training/#lora">低秩适配（LoRA）</a></li>')
    assert headings == [("architecture", "模型架构"), ("training", "训练与微调")], "areas without terms are left out"
    en, _ = glossary_index_html(terms, "en", lambda area: f"{area}/")
    assert '<li><a href="training/#qlora">Quantized low-rank adaptation (QLoRA)</a></li>' in en


def test_definitions_are_escaped_text_with_formulas_for_the_math_hook() -> None:
    assert definition_html("An extra $10^{-4}\\log^2 Z$ term, if a < b & Z's scale") == (
        'An extra <span class="arithmatex">\\(10^{-4}\\log^2 Z\\)</span> term, if a &lt; b &amp; Z\'s scale'
    )
    assert definition_html("f_i·P_i and [CLS]") == "f_i·P_i and [CLS]", "no Markdown: underscores and brackets stay"


def test_chinese_entries_sort_by_pinyin_and_english_alphabetically(terms: list[Term], tmp_path: Path) -> None:
    zh, _ = glossary_html(reading_order(terms, "zh", tmp_path / "pinyin.json"), "zh", "architecture", area_page)
    assert zh.index('id="positional-encoding"') < zh.index('id="rope"')  # wei < xuan
    en, _ = glossary_html(reading_order(terms, "en", tmp_path / "pinyin.json"), "en", "architecture", area_page)
    assert en.index('id="positional-encoding"') < en.index('id="rope"')  # P < R
    english = [term.id for term in reading_order(terms, "en", tmp_path / "pinyin.json")]
    assert english == ["lora", "positional-encoding", "qlora", "rope"]  # L < P < Q < R


def test_pinyin_keys_are_kept_and_extended_on_disk(tmp_path: Path) -> None:
    cache = tmp_path / "pinyin.json"
    assert pinyin_keys(["位置编码"], cache) == {"位置编码": "wei zhi bian ma"}
    cache.write_text(json.dumps({"位置编码": "from the cache"}), encoding="utf-8")
    keys = pinyin_keys(["位置编码", "旋转"], cache)
    assert keys == {"位置编码": "from the cache", "旋转": "xuan zhuan"}, "known names are read back, new ones added"
    assert json.loads(cache.read_text(encoding="utf-8")) == keys


def test_backlinks_count_questions_per_page(terms: list[Term]) -> None:
    usages = {
        "rope": [
            Usage("位置编码", "a/pe/", "rope-idea", "RoPE 是什么？"),
            Usage("位置编码", "a/pe/", "rope-math", "如何推导 RoPE？"),
            Usage("注意力", "a/attn/", "mla", "什么是 MLA？"),
        ]
    }
    entries, _ = glossary_html(terms, "zh", "architecture", area_page)
    page = fill_backlinks(entries, usages, terms, "zh", lambda u: f"../{u.page_url}#{u.section_id}")
    assert (
        '<details class="glossary-backlinks"><summary>出现在 3 道题中</summary>'
        '<p><a href="../a/pe/#rope-idea">位置编码</a>（2）、<a href="../a/attn/#mla">注意力</a>（1）</p></details>'
    ) in page, "collapsed, one link per page to its first question, with the count"
    assert "尚无题目使用" in page  # terms nobody uses say so


def test_jieba_words_are_chinese_names_and_aliases(terms: list[Term]) -> None:
    assert jieba_words(terms) == sorted(["旋转位置编码", "旋转位置嵌入", "位置编码", "低秩适配", "量化低秩适配"])


def test_jieba_keeps_glossary_terms_whole() -> None:
    for word in jieba_words(load_glossary(DOCS / "glossary.yml")):
        jieba.suggest_freq(word, tune=True)
    assert "长度外推" in jieba.lcut("长度外推是什么")
    assert "旋转位置编码" in jieba.lcut("旋转位置编码是一种相对位置编码")
