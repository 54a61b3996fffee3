"""Search as a reader uses it: type into the real search box and read the results shown.

Also the unit tests of the query handling the project adds (run with Node's test runner)
and of the hook that points pages at the bilingual search worker.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, Page

from conftest import ROOT, BrowserProblems, BuiltSite
import bilingual_search
from bilingual_search import add_postings, fold_subsections, split_search_index, use_search_shim

# (query, the question(s) that answer it, one of which must be among the first three questions found)
ZH_QUERIES = [
    ("注意力机制", ("architecture/attention/#attention-variants", "architecture/attention/#vanilla-attention-problems")),
    ("长度外推", ("architecture/positional-encoding/#length-extrapolation", "architecture/positional-encoding/#extrapolation-methods")),
    ("灾难性遗忘", ("training/fine-tuning/#catastrophic-forgetting",)),
    ("显存 估算", ("inference/inference/#estimate-ram", "systems/gpu-memory/#inference-memory")),
    ("复读机", ("architecture/advanced-basics/#repetition-what",)),
    ("LoRA 思路", ("training/lora/#lora-idea",)),
    ("LoRA 显存", ("inference/inference/#lora-memory", "training/fine-tuning/#memory-by-method")),
    ("KV cache 显存", ("systems/gpu-memory/#kv-cache-size",)),
    ("旋转位置编码", ("architecture/positional-encoding/#rope-idea",)),
    ("ALiBi 偏置矩阵", ("architecture/positional-encoding/#alibi-bias-matrix",)),
    ("分组查询注意力", ("architecture/attention/#gqa",)),
    ("RMSNorm 公式", ("architecture/normalization/#rmsnorm-formula",)),
    ("SwiGLU", ("architecture/activation/#swiglu",)),
    ("BPE 词表", ("architecture/tokenizer/#bpe-vocab",)),
    ("Decoder only", ("architecture/llm-basics/#why-decoder-only",)),
    ("涌现能力", ("architecture/llm-basics/#emergent-abilities",)),
    ("baichuan-7B 结构", ("architecture/model-comparison/#baichuan-7b-architecture",)),
    ("token 重复", ("architecture/tokens-and-parameters/#repeated-tokens",)),
    ("多轮对话 微调", ("training/fine-tuning/#multi-turn-sft",)),
    ("加速卡", ("training/training-experience/#choose-accelerator",)),
    ("为什么要增量预训练", ("training/continued-pretraining/#why-cpt",)),
    ("奖励模型 数据格式", ("training/training-data/#rm-format",)),
    ("PEFT 全量微调 区别", ("training/peft/#peft-vs-full",)),
    ("P-tuning v2 思路", ("training/prompt-tuning/#p-tuning-v2-idea",)),
    ("AdapterFusion", ("training/adapter-tuning/#adapterfusion",)),
    ("QLoRA 思路", ("training/lora/#qlora-idea",)),
    ("PPO 四个模型", ("training/rlhf/#ppo-four-models",)),
    ("损失缩放", ("systems/mixed-precision/#loss-scaling",)),
    ("ZeRO 阶段", ("systems/deepspeed/#zero-stages", "systems/deepspeed/#choose-zero-stage")),
    ("什么是流水线并行", ("systems/distributed-training/#pipeline-parallelism",)),
    ("第一块卡 显存", ("systems/data-parallel/#gpu0-memory",)),
    ("top-p 核采样", ("inference/inference/#top-k-top-p",)),
    ("PagedAttention", ("inference/acceleration/#paged-attention",)),
    ("PDF 双栏", ("applications/pdf-parsing/#column-layout",)),
    ("Graph RAG 是什么", ("applications/graph-rag/#what-is-graph-rag",)),
    ("什么是 LangChain", ("applications/langchain/#what-is-langchain",)),
    ("切块粒度", ("applications/rag/#chunk-granularity",)),
    ("ReAct", ("applications/agents/#react",)),
    ("LLM-as-a-judge", ("applications/evaluation/#llm-as-judge",)),
    ("为什么会产生幻觉", ("applications/hallucination/#causes",)),
    ("零样本思维链", ("applications/chain-of-thought/#zero-shot-cot",)),
    ("MoE 负载均衡", ("architecture/moe/#load-balancing", "architecture/moe/#load-balancing-loss", "architecture/moe/#aux-loss-free-balancing")),
    ("AWQ", ("inference/quantization/#awq",)),
    ("zero-point", ("inference/quantization/#symmetric-asymmetric",)),
    ("CLIP", ("architecture/multimodal/#clip-contrastive", "architecture/multimodal/#vision-encoder-choice")),
    ("GRPO DAPO", ("training/reasoning-rl/#dapo", "training/reasoning-rl/#policy-gradient-variants", "training/reasoning-rl/#grpo-bias-dr-grpo")),
    ("前缀缓存", ("inference/serving/#hash-prefix-caching", "inference/serving/#radix-attention")),
    ("reranker", ("applications/retrieval-models/#bi-vs-cross-encoder",)),
    ("大海捞针", ("architecture/long-context/#needle-in-a-haystack", "architecture/long-context/#niah-limitations")),
    ("提示注入", ("applications/safety/#prompt-injection", "applications/safety/#why-injection-is-hard")),
]
EN_QUERIES = [
    ("attention", ("en/architecture/attention/#attention-variants", "en/architecture/attention/#vanilla-attention-problems")),
    ("rotary", ("en/architecture/positional-encoding/#rope-idea",)),
    ("extrapolation", ("en/architecture/positional-encoding/#length-extrapolation", "en/architecture/positional-encoding/#extrapolation-methods")),
    ("catastrophic forgetting", ("en/training/fine-tuning/#catastrophic-forgetting",)),
    ("memory estimate", ("en/inference/inference/#estimate-ram", "en/systems/gpu-memory/#inference-memory")),
    ("repetition problem", ("en/architecture/advanced-basics/#repetition-what",)),
    ("low-rank", ("en/training/lora/#what-is-lora", "en/training/lora/#lora-idea", "en/training/lora/#lora-rank-alpha")),
    ("positions", ("en/architecture/positional-encoding/#what-is-pe", "en/architecture/positional-encoding/#absolute-pe", "en/architecture/positional-encoding/#relative-pe")),
    ("grouped-query attention", ("en/architecture/attention/#gqa",)),
    ("RMSNorm", ("en/architecture/normalization/#rmsnorm-formula", "en/architecture/normalization/#rmsnorm-vs-layernorm")),
    ("SwiGLU", ("en/architecture/activation/#swiglu",)),
    ("WordPiece", ("en/architecture/tokenizer/#wordpiece", "en/architecture/tokenizer/#wordpiece-vs-bpe")),
    ("emergent abilities", ("en/architecture/llm-basics/#emergent-abilities",)),
    ("multi-turn dialogue", ("en/training/fine-tuning/#multi-turn-sft",)),
    ("reward model data format", ("en/training/training-data/#rm-format",)),
    ("prefix tuning", ("en/training/prompt-tuning/#prefix-tuning-idea", "en/training/prompt-tuning/#why-prefix-tuning")),
    ("QLoRA", ("en/training/lora/#qlora-idea", "en/training/lora/#qlora-traits")),
    ("DPO", ("en/training/rlhf/#dpo", "en/training/preference-optimization/#dpo-recap")),
    ("pipeline parallelism", ("en/systems/distributed-training/#pipeline-parallelism", "en/systems/distributed-training/#pipeline-motivation")),
    ("ZeRO stages", ("en/systems/deepspeed/#zero-stages", "en/systems/deepspeed/#choose-zero-stage")),
    ("fp16 bf16", ("en/systems/mixed-precision/#fp16-vs-bf16",)),
    ("speculative decoding", ("en/inference/acceleration/#speculative-decoding", "en/inference/serving/#spec-decoding-speedup")),
    ("chunk size", ("en/applications/rag/#chunk-granularity",)),
    ("LoRA memory", ("en/inference/inference/#lora-memory", "en/training/fine-tuning/#memory-by-method")),
    ("SelfCheckGPT", ("en/applications/hallucination/#selfcheckgpt",)),
    ("self-consistency", ("en/applications/chain-of-thought/#self-consistency",)),
    ("MoE load balancing", ("en/architecture/moe/#load-balancing", "en/architecture/moe/#load-balancing-loss", "en/architecture/moe/#aux-loss-free-balancing")),
    ("AWQ", ("en/inference/quantization/#awq",)),
    ("zero-point", ("en/inference/quantization/#symmetric-asymmetric",)),
    ("CLIP", ("en/architecture/multimodal/#clip-contrastive", "en/architecture/multimodal/#vision-encoder-choice")),
    ("GRPO DAPO", ("en/training/reasoning-rl/#dapo", "en/training/reasoning-rl/#policy-gradient-variants", "en/training/reasoning-rl/#grpo-bias-dr-grpo")),
    ("prefix caching", ("en/inference/serving/#hash-prefix-caching", "en/inference/serving/#radix-attention")),
    ("reranker", ("en/applications/retrieval-models/#bi-vs-cross-encoder",)),
    ("needle in a haystack", ("en/architecture/long-context/#needle-in-a-haystack", "en/architecture/long-context/#niah-limitations")),
    ("prompt injection", ("en/applications/safety/#prompt-injection", "en/applications/safety/#why-injection-is-hard")),
]


@pytest.fixture(scope="session")
def search_pages(browser: Browser, site_url: str) -> Iterator[dict[str, Page]]:
    """One open page per language, so the index is loaded once and each query is typed anew;
    a failed request or console error on either fails the session."""
    context = browser.new_context()
    problems = BrowserProblems()
    pages = {}
    for language in ("zh", "en"):
        pages[language] = context.new_page()
        problems.watch(pages[language])
        pages[language].goto(site_url + ("en/" if language == "en" else ""))
    yield pages
    context.close()
    assert not problems.report(), "the search pages met errors:\n" + "\n".join(problems.report())


VISIBLE_RESULT = ".md-search-result__item > .md-search-result__link"  # not folded into "N more on this page"


def type_query(page: Page, query: str) -> None:
    """Type `query` into the search box as a reader with an input method does."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.fill(query)
    box.dispatch_event("keyup")  # an input method commits the text, then sends a key-up
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


def search(page: Page, query: str) -> list[str]:
    """The questions a reader sees for `query` without expanding anything (a page's own
    heading in the results is not a question)."""
    type_query(page, query)
    links = page.locator(VISIBLE_RESULT)
    hrefs = [re.sub(r"\?h=[^#]*", "", links.nth(i).get_attribute("href")) for i in range(links.count())]
    return [href for href in hrefs if "#" in href]


def language_of(expected: str) -> str:
    return "en" if expected.startswith("en/") else "zh"


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), ZH_QUERIES + EN_QUERIES)
def test_search_finds_the_question(
    search_pages: dict[str, Page], site_url: str, query: str, expected: tuple[str, ...]
) -> None:
    page = search_pages[language_of(expected[0])]
    first = search(page, query)[:3]
    assert any(site_url + answer in first for answer in expected), f"{query!r}: first results {first}"
    assert page.locator(".md-search-result mark").count() > 0, "matches are not highlighted"


@pytest.mark.browser
@pytest.mark.parametrize(("language", "query"), [("zh", "LoRA"), ("en", "LoRA"), ("zh", "attention"), ("en", "KV cache")])
def test_results_stay_in_the_readers_language(search_pages: dict[str, Page], site_url: str, language: str, query: str) -> None:
    results = search(search_pages[language], query)
    english = [link.startswith(site_url + "en/") for link in results]
    assert all(english) if language == "en" else not any(english), results


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "typed", "canonical"),
    [("zh", "ＬｏＲＡ", "LoRA"), ("zh", "ｋｖ ｃａｃｈｅ", "kv cache"), ("zh", "訓練", "训练"), ("en", "ＬｏＲＡ", "LoRA"), ("zh", "長度外推", "长度外推")],
)
def test_full_width_and_traditional_queries_find_what_the_canonical_query_finds(
    search_pages: dict[str, Page], language: str, typed: str, canonical: str
) -> None:
    expected = search(search_pages[language], canonical)
    assert expected, canonical
    assert search(search_pages[language], typed) == expected


@pytest.mark.browser
@pytest.mark.parametrize("query", ["8-bit", "8 bit quantization", "bi-encoder", "B", "u", "x^2", "LoRA"])
def test_english_queries_with_digits_and_short_words_find_results(search_pages: dict[str, Page], query: str) -> None:
    page = search_pages["en"]
    assert search(page, query), f"{query!r} found no question"
    titles = page.locator(".md-search-result__article h1, .md-search-result__article h2").all_inner_texts()
    snippets = " ".join(page.locator(".md-search-result__article").all_inner_texts())
    assert not [title for title in titles if "\u200b" in title]
    assert not re.search(r"\\[a-z]+\{|\\\(|\$\$", snippets), snippets[:300]


@pytest.mark.browser
def test_chinese_result_titles_carry_no_segmentation_marks(search_pages: dict[str, Page]) -> None:
    search(search_pages["zh"], "LoRA 系列")
    titles = search_pages["zh"].locator(".md-search-result__article h1, .md-search-result__article h2").all_inner_texts()
    assert titles and not [title for title in titles if "\u200b" in title], titles


@pytest.mark.browser
@pytest.mark.parametrize("word", ["rotary", "memory", "query"])
def test_result_links_highlight_the_readers_words(search_pages: dict[str, Page], word: str) -> None:
    type_query(search_pages["en"], word)
    href = search_pages["en"].locator(VISIBLE_RESULT).filter(has=search_pages["en"].locator("h2")).first.get_attribute("href") or ""
    assert f"?h={word}#" in href, href


@pytest.mark.browser
def test_highlighting_marks_the_readers_word_on_the_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/architecture/positional-encoding/?h=rotary#rope-idea")
    page.locator("article mark").first.wait_for(state="attached")  # after the stub index arrives
    marks = page.locator("article mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("rotary") for mark in marks), marks


@pytest.mark.parametrize("suite", ["search-query", "search-index"])
def test_search_worker_unit_tests_pass(suite: str) -> None:
    result = subprocess.run(["node", "--test", f"tests/js/{suite}.test.js"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^# pass [1-9]", result.stdout, re.M), result.stdout


def test_pages_use_the_search_shim_with_their_language() -> None:
    config = '<script id="__config">{"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "x": 1}</script>'
    rewritten = use_search_shim(config, "en")
    assert '"search": "../../assets/javascripts/workers/search-shim.js?worker=search.a7633da7.min.js&lang=en"' in rewritten
    assert use_search_shim("<p>no config</p>", "zh") == "<p>no config</p>"


def test_built_pages_point_at_the_shim(built_site: BuiltSite) -> None:
    for path, language in (("index.html", "zh"), ("en/index.html", "en")):
        config = json.loads(BeautifulSoup((built_site.root / path).read_text(), "html.parser").find(id="__config").string)
        shim, query = config["search"].split("?")
        assert shim.endswith("assets/javascripts/workers/search-shim.js")
        worker, lang = (part.split("=")[1] for part in query.split("&"))
        assert lang == language
        assert (built_site.root / "assets/javascripts/workers" / worker).is_file(), worker


def test_index_is_split_by_language(tmp_path: Path) -> None:
    docs = [{"location": "a/", "text": "中"}, {"location": "en/a/", "text": "en"}, {"location": "a/#q", "text": "问"}]
    (tmp_path / "search_index.json").write_text(json.dumps({"config": {"lang": ["zh", "en"], "x": 1}, "docs": docs}))
    assert split_search_index(tmp_path, {})
    read = lambda name: json.loads((tmp_path / name).read_text())  # noqa: E731
    assert read("search_index.zh.json") == {"config": {"lang": ["zh"], "x": 1}, "docs": [docs[0], docs[2]]}
    assert read("search_index.en.json") == {"config": {"lang": ["en"], "x": 1}, "docs": [docs[1]]}
    assert read("search_index.json") == {"config": {"lang": ["zh", "en"], "x": 1}, "docs": []}
    assert not split_search_index(tmp_path, {})  # a second pass over the stub keeps the split files
    assert len(read("search_index.zh.json")["docs"]) == 2


def test_an_index_of_one_language_waits_for_the_merged_one(tmp_path: Path) -> None:
    """mkdocs-static-i18n runs the hook on the English pages' index before merging."""
    (tmp_path / "search_index.json").write_text(json.dumps({"config": {}, "docs": [{"location": "en/a/", "text": "en"}]}))
    assert not split_search_index(tmp_path, {})
    assert not (tmp_path / "search_index.en.json").exists()


def test_postings_that_cannot_be_built_stop_the_build_naming_the_index(tmp_path: Path) -> None:
    for language in ("zh", "en"):
        (tmp_path / f"search_index.{language}.json").write_text(json.dumps({"config": {"lang": [language]}, "docs": []}))
    with pytest.raises(PluginError, match=r"search_index\.zh\.json(.|\n)*expected one Material search worker"):
        add_postings(tmp_path, tmp_path, tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir()), "nothing cached from a failed prebuild"


def test_postings_are_cached_by_the_index_and_rebuilt_when_it_changes(
    tmp_path: Path, built_site: BuiltSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    search, workers, cache = tmp_path / "search", built_site.root / "assets/javascripts/workers", tmp_path / "cache"
    search.mkdir()
    for language in ("zh", "en"):
        config = json.loads((built_site.root / f"search/search_index.{language}.json").read_text(encoding="utf-8"))["config"]
        docs = [{"location": f"{language}/a/#q", "title": "LoRA 微调", "text": "low rank"}]
        (search / f"search_index.{language}.json").write_text(json.dumps({"config": config, "docs": docs}))
    prebuilt: list[str] = []
    prebuild = bilingual_search.prebuild_postings

    def recording_prebuild(jobs: dict[Path, Path], workers_dir: Path) -> None:
        prebuilt.extend(index.name for index in jobs.values())
        prebuild(jobs, workers_dir)

    monkeypatch.setattr(bilingual_search, "prebuild_postings", recording_prebuild)

    add_postings(search, workers, cache)
    assert sorted(prebuilt) == ["search_index.en.json", "search_index.zh.json"]
    assert json.loads((search / "search_postings.en.json").read_text())["terms"]
    add_postings(search, workers, cache)
    assert len(prebuilt) == 2, "an unchanged index is not prebuilt again"
    english = search / "search_index.en.json"
    for text in ("adapter", "merging", "pruning"):
        english.write_text(re.sub(r'"text": "[^"]*"', f'"text": "{text}"', english.read_text()))
        add_postings(search, workers, cache)
    assert prebuilt[2:] == ["search_index.en.json"] * 3, "a changed index is prebuilt, the other language's is not"
    assert "prune" in json.loads((search / "search_postings.en.json").read_text())["terms"]  # stemmed
    assert len(list(cache.glob("search-postings-en-*.json"))) == 3, "the three most recently used of a language are kept"


def test_sub_headings_fold_into_their_question() -> None:
    docs = [
        {"location": "a/p/", "title": "Page", "text": "intro"},
        {"location": "a/p/#q1", "title": "Q1?", "text": "answer"},
        {"location": "a/p/#detail", "title": "Detail", "text": "more"},
        {"location": "a/p/#q2", "title": "Q2?", "text": "two"},
        {"location": "about/#x", "title": "X", "text": "not a topic page"},
    ]
    folded = fold_subsections(docs, {"a/p/": {"a/p/#q1", "a/p/#q2"}})
    assert [d["location"] for d in folded] == ["a/p/", "a/p/#q1", "a/p/#q2", "about/#x"]
    assert folded[1]["text"] == "answer Detail more"


def test_built_index_has_one_entry_per_question(built_site: BuiltSite) -> None:
    docs = json.loads((built_site.root / "search/search_index.zh.json").read_text())["docs"]
    anchors = [d["location"].split("#")[1] for d in docs if d["location"].startswith("architecture/positional-encoding/#")]
    source = (ROOT / "docs/architecture/positional-encoding.md").read_text(encoding="utf-8")
    assert anchors == re.findall(r"^## .*\{#([a-z0-9-]+)\}$", source, re.M)


def test_built_site_serves_one_index_per_language(built_site: BuiltSite) -> None:
    search_dir = built_site.root / "search"
    assert json.loads((search_dir / "search_index.json").read_text())["docs"] == []
    zh = json.loads((search_dir / "search_index.zh.json").read_text())["docs"]
    en = json.loads((search_dir / "search_index.en.json").read_text())["docs"]
    assert zh and en
    assert not any(doc["location"].startswith("en/") for doc in zh)
    assert all(doc["location"].startswith("en/") for doc in en)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_index_holds_readable_text_not_tex(built_site: BuiltSite, language: str) -> None:
    docs = json.loads((built_site.root / f"search/search_index.{language}.json").read_text())["docs"]
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs)
    # Formulas leave no TeX delimiters behind (code blocks may still quote TeX commands).
    assert not re.findall(r"\\[()[\]]|\$\$", text)[:5]
    lora = next(doc["text"] for doc in docs if doc["location"].endswith("training/lora/#lora-idea"))
    assert "W = W 0 + α r B A" in lora, lora[:400]


def test_traditional_to_simplified_table_comes_from_opencc(built_site: BuiltSite) -> None:
    table = json.loads((built_site.root / "search" / "t2s.json").read_text(encoding="utf-8"))
    assert table["訓"] == "训" and table["練"] == "练" and table["體"] == "体"
    assert all(len(key) == 1 and key != value for key, value in table.items())


def test_index_keeps_glossary_terms_whole(built_site: BuiltSite) -> None:
    index = json.loads((built_site.root / "search/search_index.zh.json").read_text())
    text = "".join(doc["text"] for doc in index["docs"])
    assert "\u200b长度外推\u200b" in text
    assert "\u200b灾难性遗忘\u200b" in text


def decoded_postings(numbers: list[int]) -> list[tuple[int, int]]:
    """(document, frequency) pairs of one term and field (search-index.js, encodePairs)."""
    pairs, document, numbers = [], -1, iter(numbers)
    for number in numbers:
        document += number // 2 + 1
        pairs.append((document, next(numbers) if number % 2 else 1))
    return pairs


@pytest.mark.parametrize(("language", "term", "question"), [
    ("zh", "长度外推", "architecture/positional-encoding/#length-extrapolation"),
    ("en", "extrapol", "en/architecture/positional-encoding/#length-extrapolation"),
])
def test_each_index_has_beside_it_the_postings_the_worker_loads(built_site: BuiltSite, language: str, term: str, question: str) -> None:
    index = json.loads((built_site.root / f"search/search_index.{language}.json").read_text(encoding="utf-8"))
    postings = json.loads((built_site.root / f"search/search_postings.{language}.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [language]
    terms, fields = postings["terms"], postings["fields"]
    assert len(set(terms)) == len(terms) > 1000
    assert set(fields) == {"title", "text"} and all(len(per_term) == len(terms) for per_term in fields.values())
    documents = [[pair for field in fields.values() for pair in decoded_postings(field[number])] for number in range(len(terms))]
    assert all(documents), "a term that is in no document"
    assert all(0 <= document < len(index["docs"]) and frequency >= 1 for pairs in documents for document, frequency in pairs)
    titled = [index["docs"][document]["location"] for document, _ in decoded_postings(fields["title"][terms.index(term)])]
    assert question in titled, titled


# What a page fetches for search only once the reader reaches for it.
SEARCH_DATA = re.compile(r"/search/(search_(index|postings)\.(zh|en)|t2s)\.json$|/workers/search-index\.js$")


@pytest.mark.browser
@pytest.mark.parametrize(("language", "key", "query", "question"), [
    ("zh", "/", "长度外推", "architecture/positional-encoding/#length-extrapolation"),
    ("zh", "s", "灾难性遗忘", "training/fine-tuning/#catastrophic-forgetting"),
    ("en", "/", "extrapolation", "en/architecture/positional-encoding/#length-extrapolation"),
])
def test_the_index_is_fetched_only_when_the_reader_reaches_for_search(
    page: Page, site_url: str, language: str, key: str, query: str, question: str
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: SEARCH_DATA.search(request.url) and fetched.append(request.url))
    page.goto(site_url + ("en/" if language == "en" else "") + "architecture/attention/", wait_until="networkidle")
    assert not fetched, f"fetched before the reader reached for search: {fetched}"
    with page.expect_request(lambda request: request.url.endswith(f"search/search_index.{language}.json")):
        page.keyboard.press(key)
    assert site_url + question in search(page, query)[:3]
    assert page.locator(".md-search-result mark").count() > 0, "matches are not highlighted"


@pytest.mark.browser
def test_pressing_the_search_button_starts_the_download_before_the_finger_lifts(phone_page: Page, site_url: str) -> None:
    phone_page.goto(site_url + "en/", wait_until="networkidle")
    button = phone_page.locator("label.md-header__button[for='__search']").bounding_box()
    assert button, "no search button on a phone"
    phone_page.mouse.move(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
    with phone_page.expect_request(lambda request: request.url.endswith("search/search_index.en.json")):
        phone_page.mouse.down()
    phone_page.mouse.up()
    assert site_url + "en/training/fine-tuning/#catastrophic-forgetting" in search(phone_page, "catastrophic forgetting")[:3]
