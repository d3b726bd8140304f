"""The rest of the interface in Chinese, each item proven Chinese in zh and English in en:
argparse's own words and the help layout, the served page and its refusals, the progress store's
notice, the grading daemon's and service's errors, durations, serve's access errors, and the demos'
setup lines, captions and the CIFAR-10 notes."""
from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len

from tutor.i18n import argparse_words, durations, lang
from tutor.i18n.catalog import _, record_missing

CJK = re.compile(r"[\u4e00-\u9fff]")


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    from tutor.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


# -- argparse's own words --------------------------------------------------------------------------

def test_every_argparse_message_we_translate_is_argparse_s_own_msgid():
    """A Python that reworded one would leave it English; this says which."""
    source = inspect.getsource(argparse)
    missing = [m for m in argparse_words.MESSAGES if repr(m) not in source and f'"{m}"' not in source]
    assert not missing, f"not argparse msgids in Python {sys.version_info[:2]}: {missing}"


def test_argparse_translations_keep_their_percent_placeholders(zh):
    placeholder = re.compile(r"%\(\w+\)[sr]|%[sr]")
    for msgid in argparse_words.MESSAGES:
        assert _(msgid) != msgid and CJK.search(_(msgid)), msgid
        assert sorted(placeholder.findall(_(msgid))) == sorted(placeholder.findall(msgid)), msgid


def test_help_is_chinese_in_zh(zh, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _err = run_main(capsys, "--help")
    assert code == 0
    assert out.startswith("用法：dltutor ") and "\n选项:" in out and "\n位置参数:" in out
    assert "显示这条帮助信息并退出" in out and "显示版本号并退出" in out and "本次运行所用的课程语言" in out
    assert "usage:" not in out and "show this help" not in out


def test_help_is_english_in_en(en, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _err = run_main(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: dltutor ") and "\noptions:" in out and "show this help message and exit" in out
    assert "show program's version number and exit" in out and not CJK.search(out.split("COMMAND\n", 1)[0])


@pytest.mark.parametrize("argv, zh_words, en_words", [
    (("check",), "dltutor check：错误：缺少必需的参数：exercise", "dltutor check: error: the following arguments are required: exercise"),
    (("list", "--bogus"), "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
    (("check", "conv2d", "--device", "tpu"), "参数 --device：无效的取值：'tpu'", "argument --device: invalid choice: 'tpu'"),
    (("serve", "--port"), "参数 --port：需要给出一个值", "argument --port: expected one argument"),
    (("demo", "gd", "--steps", "0"), "参数 --steps：必须大于 0，实际是 0", "argument --steps: must be > 0, got 0"),
])
def test_argparse_errors_follow_the_language(capsys, monkeypatch, argv, zh_words, en_words):
    for language, words in (("zh", zh_words), ("en", en_words)):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        lang._override = None
        code, _out, err = run_main(capsys, *argv)
        assert code == 2 and words in err, err
        assert err.startswith("用法：" if language == "zh" else "usage: ")
    lang._override = None


def test_a_usage_error_of_ours_carries_a_chinese_prefix(zh, capsys):
    code, _out, err = run_main(capsys, "demo", "gan", "--recipe", "article")
    assert code == 2 and err.strip() == "dltutor demo：--recipe 不适用于 gan 演示（只适用于：cnn）"


def test_strings_argparse_passes_through_that_are_not_its_own_come_back_untouched(zh):
    with record_missing() as missing:
        assert argparse_words.translate("cnn") == "cnn"            # a group title we gave it
        assert argparse_words.translate(None) is None              # argparse's default description
        assert argparse_words.translate("options") == "选项"
    assert not missing


@pytest.mark.parametrize("command", ["serve", "demo", "check"])
def test_zh_help_fits_the_terminal_in_cells_and_usage_lines_line_up(zh, capsys, monkeypatch, command):
    """argparse counts characters; Chinese takes two cells each. Every line fits 80 cells, and
    the usage's continuation lines start under the first argument, as they do in English."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _err = run_main(capsys, command, "--help")
    assert code == 0 and CJK.search(out)
    assert all(cell_len(line) <= 80 for line in out.splitlines()), [l for l in out.splitlines() if cell_len(l) > 80]
    usage = out.split("\n\n", 1)[0].splitlines()
    assert len(usage) > 1
    first_argument = cell_len(f"用法：dltutor {command} ")
    for line in usage[1:]:
        assert cell_len(line) - cell_len(line.lstrip(" ")) == first_argument, usage


def test_the_english_help_layout_is_argparse_s_own(en, monkeypatch):
    """The cell-aware formatter changes nothing for text without wide characters."""
    monkeypatch.setenv("COLUMNS", "80")
    from tutor.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    for each in [parser, *commands.values()]:
        ours = each.format_help() + each.format_usage()
        each.formatter_class = argparse.HelpFormatter
        assert ours == each.format_help() + each.format_usage(), each.prog


def test_the_chinese_help_layout_differs_from_argparse_s_own(zh, monkeypatch):
    """...and does change the layout of Chinese (so the test above could fail)."""
    monkeypatch.setenv("COLUMNS", "80")
    from tutor.cli import build_parser

    serve = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["serve"]
    ours = serve.format_help()
    serve.formatter_class = argparse.HelpFormatter
    assert ours != serve.format_help()


def test_help_stays_fast_no_torch_on_the_way(tmp_path):
    code = ("import sys; from tutor.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DLTUTOR_LANG": "zh"})
    assert done.returncode == 0, done.stderr
    assert "用法：" in done.stdout


# -- durations ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("seconds, zh_text, en_text", [
    (None, "—", "—"), (0.4, "—", "—"), (45, "45 秒", "45s"), (754, "12 分钟", "12m"), (3900, "1 小时 05 分", "1h 05m"),
])
def test_compact_durations(monkeypatch, seconds, zh_text, en_text):
    for language, expected in (("zh", zh_text), ("en", en_text)):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        assert durations.compact(seconds) == expected


@pytest.mark.parametrize("seconds, zh_text, en_text", [
    (0, "很长时间", "a long time"), (1, "1 秒", "1 second"), (3, "3 秒", "3 seconds"), (60, "1 分钟", "1 minute"),
    (3600, "60 分钟", "60 minutes"), (3 * 3600, "3 小时", "3 hours"),
])
def test_spoken_durations(monkeypatch, seconds, zh_text, en_text):
    for language, expected in (("zh", zh_text), ("en", en_text)):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        assert durations.spoken(seconds) == expected


def test_the_progress_screens_duration_helper_is_the_translated_one(zh):
    from tutor.tui.widgets.marks import duration

    assert duration(3900) == "1 小时 05 分"


# -- the served page -----------------------------------------------------------------------------------

def test_the_terminal_page_speaks_the_language(monkeypatch):
    from tutor.serve.page import terminal_page

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    page = terminal_page("/static/", "ws://h/ws", 16, 3600)
    assert '<html lang="zh-CN">' in page
    assert "dltutor 正在启动…" in page and "重新开始" in page and "60 分钟没有输入" in page and "你的进度都已保存" in page
    assert "Start again" not in page and "session has ended" not in page

    monkeypatch.setenv("DLTUTOR_LANG", "en")
    page = terminal_page("/static/", "ws://h/ws", 16, 3600)
    assert '<html lang="en">' in page and "Start again" in page and "no input for 60 minutes" in page
    assert not CJK.search(page)


def test_speaking_looks_up_in_a_language_for_a_block_and_leaves_the_environment(monkeypatch):
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    with lang.speaking("zh"):
        assert _("Start again") == "重新开始"
        assert os.environ["DLTUTOR_LANG"] == "en"
    assert _("Start again") == "Start again"
    with pytest.raises(ValueError):
        with lang.speaking("fr"):
            pass


def test_a_classroom_learner_s_page_follows_their_own_saved_language(tmp_path, monkeypatch):
    pytest.importorskip("textual_serve")
    from tutor.serve.access import SOLO, User
    from tutor.serve.server import session_language

    home = tmp_path / "alice"
    home.mkdir()
    (home / "settings.toml").write_text('lang = "zh"\n', encoding="utf-8")
    monkeypatch.delenv("DLTUTOR_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    alice = User("alice", home)
    assert session_language(alice) == "zh"               # what her app will read from her home
    assert session_language(User("bob", tmp_path / "bob")) == "en"
    assert session_language(SOLO) == "en"                # the server's own
    monkeypatch.setenv("DLTUTOR_LANG", "en")             # a server started with --lang en: every session inherits it
    assert session_language(alice) == "en"


def _server_answers(settings, path: str) -> tuple[int, str]:
    from aiohttp.test_utils import TestClient, TestServer

    from tutor.serve.server import TutorServer

    async def ask() -> tuple[int, str]:
        client = TestClient(TestServer(await TutorServer(settings)._make_app()))
        await client.start_server()
        try:
            response = await client.get(path)
            return response.status, await response.text()
        finally:
            await client.close()

    return asyncio.run(ask())


def test_the_refusal_pages_speak_the_language(monkeypatch, tmp_path):
    pytest.importorskip("textual_serve")
    from tutor.serve.access import SOLO, Access
    from tutor.serve.server import Settings

    token = "t" * 24
    full = Settings(access=Access({token: SOLO}), max_sessions=0, idle_timeout_s=600)
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    status, page = _server_answers(full, "/")
    assert status == 403 and '<html lang="zh-CN">' in page and "这个链接缺少令牌" in page and "?token=…" in page
    status, page = _server_answers(full, f"/?token={token}")
    assert status == 503 and "座位已满" in page and "最多同时运行 0 个会话" in page and "10 分钟" in page

    status, page = _server_answers(Settings(access=Access({token: SOLO}), max_sessions=1), f"/?token={token}")
    assert status == 200 and '<html lang="zh-CN">' in page and "dltutor 正在启动…" in page

    monkeypatch.setenv("DLTUTOR_LANG", "en")
    status, page = _server_answers(full, "/")
    assert status == 403 and '<html lang="en">' in page and "This link needs its token" in page
    status, page = _server_answers(full, f"/?token={token}")
    assert status == 503 and "All seats are taken" in page and "10 minutes without input" in page


def test_serve_s_access_errors_follow_the_language(monkeypatch):
    from tutor.serve.access import AccessError, check_token, plan_access

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    with pytest.raises(AccessError, match="拒绝在没有令牌的情况下于 0.0.0.0 上提供服务"):
        plan_access("0.0.0.0")
    with pytest.raises(AccessError, match="令牌至少要有 16 个字符（这个只有 5 个）"):
        check_token("short", "--token")
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    with pytest.raises(AccessError, match="refusing to serve on 0.0.0.0 without a token"):
        plan_access("0.0.0.0")


# -- the progress store's notice -------------------------------------------------------------------------

@pytest.mark.parametrize("language, words", [
    ("zh", ["你的进度数据库无法使用，因为它不是可读取的数据库", "没有删除任何内容"]),
    ("en", ["Your progress database could not be used because it is not a readable database",
            "nothing was deleted"]),
])
def test_a_corrupt_store_s_notice_follows_the_language(tmp_path, monkeypatch, language, words):
    from tutor.progress.store import Store

    monkeypatch.setenv("DLTUTOR_LANG", language)
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database, just bytes " * 200)
    store = Store(path)
    try:
        assert store.notice is not None
        assert all(word in store.notice for word in words), store.notice
        aside = next(tmp_path.glob("progress.sqlite3.broken-*"))
        assert str(aside) in store.notice
    finally:
        store.close()


# -- the grading daemon's and service's errors -----------------------------------------------------------

def test_the_daemon_client_s_errors_follow_the_language(monkeypatch):
    from tutor.grading import daemon

    for language, words in (("zh", "没有正在运行的守护进程"), ("en", "no daemon is running")):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        with pytest.raises(daemon.DaemonUnavailable, match=words):
            daemon._exchange({"ping": True}, 1.0)


def test_an_internal_grader_error_is_reported_in_the_request_s_language(monkeypatch):
    from tutor.grading import daemon

    class Broken:
        def exercise(self, exercise_id):
            raise RuntimeError("boom")

    monkeypatch.setenv("DLTUTOR_LANG", "en")
    try:
        reply = daemon._grade_one({"exercise": "conv2d", "file": "x.py", "lang": "zh"}, lambda lang_: Broken(),
                                  None, KeyboardInterrupt, None)
        assert reply == {"error": "评判程序内部错误：RuntimeError: boom"}
        reply = daemon._grade_one({"exercise": "conv2d", "file": "x.py", "lang": "en"}, lambda lang_: Broken(),
                                  None, KeyboardInterrupt, None)
        assert reply == {"error": "internal grader error: RuntimeError: boom"}
    finally:
        lang._override = None


def test_the_grading_service_client_s_errors_are_catalogue_entries(zh):
    assert _("the grading service is unavailable") == "评判服务不可用"
    assert _("the grading service stopped unexpectedly; try again") == "评判服务意外停止；请再试一次"


# -- the demos ---------------------------------------------------------------------------------------------

def test_the_cifar_notes_follow_the_language(tmp_path, monkeypatch):
    from tutor.data import cifar
    from tutor.data.errors import DataUnavailable

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    name, note = cifar.choose("auto", tmp_path, download=False)
    assert name == "shapes" and note == (f"{tmp_path / cifar.FOLDER} 中没有 CIFAR-10：改用内置的形状数据集训练"
                                         "（联网时用 `--download` 可以下载 CIFAR-10）。")
    with pytest.raises(DataUnavailable, match="约 170 MB"):
        cifar.choose("cifar10", tmp_path, download=False)
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    assert cifar.choose("auto", tmp_path, download=False)[1].startswith("CIFAR-10 is not in ")
    assert "about 170 MB" in cifar.absent_message(tmp_path)


def _texts_and_captions(argv: list[str]) -> list[str]:
    from tutor.demos.config import parse

    config = parse(argv)
    shown = []
    for event in importlib.import_module(f"tutor.demos.{config.demo}").run(config):
        if event["type"] == "text":
            shown.append(event["text"])
        elif event["type"] == "picture":
            shown.append(event["caption"])
            shown += [image["label"] for image in event["images"]]
    return shown


DEMO_RUNS = {
    "gd": (["gd", "--steps", "3", "--threads", "1"], "从 (-5.0, 0.3) 出发做梯度下降", "gradient descent from (-5.0, 0.3)"),
    "attention": (["attention", "--steps", "2", "--threads", "1"], "用一层注意力", "reverse sequences of"),
    "deep": (["deep", "--steps", "2", "--threads", "1", "--train-size", "64", "--test-size", "32"],
             "20 层网络", "20-layer networks"),
    "gan": (["gan", "--steps", "8", "--threads", "1"], "个高斯分布排成的环上训练 GAN", "GAN on a ring of"),
    "vae": (["vae", "--steps", "2", "--threads", "1", "--train-size", "64", "--test-size", "16"], "VAE，", "VAE with a"),
    "rnn": (["rnn", "--steps", "2", "--threads", "1"], "字符级 LSTM", "character LSTM"),
    "gpt": (["gpt", "--steps", "2", "--threads", "1"], "字符级 GPT", "a character-level GPT"),
    "diffusion": (["diffusion", "--steps", "2", "--threads", "1"], "训练 DDPM", "DDPM on a ring of"),
}


@pytest.mark.slow
@pytest.mark.parametrize("demo", list(DEMO_RUNS))
def test_a_demo_s_setup_line_and_captions_are_chinese_in_zh_and_english_in_en(monkeypatch, demo):
    pytest.importorskip("torch")
    argv, zh_words, en_words = DEMO_RUNS[demo]
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    with record_missing() as missing:
        shown = _texts_and_captions(argv)
    assert any(zh_words in line for line in shown), shown
    assert not missing, f"shown without a zh entry: {missing}"
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    shown = _texts_and_captions(argv)
    assert any(en_words in line for line in shown), shown
    assert not any(CJK.search(line) for line in shown), shown


@pytest.mark.slow
def test_the_cnn_demo_s_captions_and_note_are_chinese(monkeypatch, tmp_path):
    pytest.importorskip("torch")
    argv = ["cnn", "--steps", "2", "--threads", "1", "--train-size", "64", "--test-size", "32", "--batch-size", "16",
            "--data-dir", str(tmp_path)]
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    with record_missing() as missing:
        shown = _texts_and_captions(argv)
    assert not missing, missing
    assert any("中没有 CIFAR-10" in line for line in shown) and "conv1 的六个 5×5 RGB 卷积核（灰色 = 0）" in shown
    assert any(line.startswith("快速配方：") for line in shown)


def test_every_metric_a_demo_reports_has_a_label():
    """An unlabelled key would show as its English name on a zh screen."""
    from tutor.demos.labels import LABELS

    keys = {"distance_plain", "distance_momentum", "sequence_accuracy", "d_real", "d_fake", "g_grad", "workers"}
    keys |= {f"{prefix}_{v}" for prefix in ("loss", "first_layer_grad") for v in ("plain", "kaiming", "batchnorm", "residual")}
    assert keys <= set(LABELS)


def test_gpt_s_who_computes_what_lines_are_catalogue_entries(zh):
    pytest.importorskip("torch")
    from tutor.demos.gpt import Parts

    with record_missing() as missing:
        lines = {_(piece): _(owner) for piece, owner in Parts().describe().items()}
    assert not missing
    assert lines["Transformer 块"] == "PyTorch（nn.TransformerEncoderLayer）" and lines["优化器"].startswith("PyTorch")


def test_the_demo_options_help_is_chinese(zh, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _err = run_main(capsys, "demo", "--help")
    assert code == 0
    assert "训练这么多步后停止（快速看一眼）" in out and "随机种子（默认 0）" in out
    assert "random seed" not in out and "stop after this many" not in out


def test_a_demo_s_seconds_are_in_the_learner_s_language(monkeypatch):
    from tutor.commands.demo import _format_value

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    assert _format_value("wall_s", 8.25) == "8.2 秒"
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    assert _format_value("wall_s", 8.25) == "8.2 s"


def test_a_bad_device_is_refused_in_the_learner_s_language(monkeypatch):
    torch = pytest.importorskip("torch")
    from tutor import devices

    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    with pytest.raises(ValueError, match="没有设备 'tpu'"):
        devices.resolve_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="--device cuda：没有可用的 CUDA 设备"):
            devices.resolve_device("cuda")
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    with pytest.raises(ValueError, match="unknown device 'tpu'; choose auto, cpu or cuda"):
        devices.resolve_device("tpu")


def test_why_a_learner_s_function_is_not_used_follows_the_language(tmp_path, monkeypatch):
    from tutor.demos.learner_parts import read_passed
    from tutor.progress.store import Store

    store = Store(tmp_path / "progress.sqlite3")
    try:
        monkeypatch.setenv("DLTUTOR_LANG", "zh")
        assert read_passed(["layer_norm"], store, tmp_path)[1] == {"layer_norm": "还没有通过"}
        monkeypatch.setenv("DLTUTOR_LANG", "en")
        assert read_passed(["layer_norm"], store, tmp_path)[1] == {"layer_norm": "not passed yet"}
    finally:
        store.close()


def test_an_unknown_id_is_named_in_the_learner_s_language(capsys, monkeypatch):
    for language, words in (("zh", "dltutor start：没有练习 'conv2e'。你是不是想找 'conv2d'？运行 'dltutor list' 可以看到全部。"),
                            ("en", "dltutor start: Unknown exercise 'conv2e'. Did you mean 'conv2d'? "
                                   "Run 'dltutor list' to see them all.")):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        lang._override = None
        code, _out, err = run_main(capsys, "start", "conv2e")
        assert code == 2 and err.strip() == words
    lang._override = None


def test_several_suggestions_read_as_before_in_english_and_join_in_chinese(monkeypatch):
    from tutor.content.catalog import unknown_message

    known = ["conv2d", "conv_output_size", "conv1"]
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    assert "Did you mean 'conv2d' or 'conv_output_size' or 'conv1'?" in unknown_message("exercise", "conv", known)
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    assert "你是不是想找 'conv2d' 或 'conv_output_size' 或 'conv1'？" in unknown_message("exercise", "conv", known)


def test_validate_s_summary_follows_the_language_and_keeps_its_tags(fake_content, capsys, monkeypatch):
    for language, words in (("zh", "2 课，3 个练习，3 道测验题；0 个问题。"),
                            ("en", "2 lessons, 3 exercises, 3 quiz questions; 0 problems.")):
        monkeypatch.setenv("DLTUTOR_LANG", language)
        lang._override = None
        code, out, _err = run_main(capsys, "validate", "--root", str(fake_content.root))
        assert code == 0 and words in out
        assert ("中文版：" if language == "zh" else "Chinese edition: ") in out
    lang._override = None


def test_the_theme_switch_notice_is_a_catalogue_entry(zh):
    assert _("Light theme — ctrl+t switches back.") == "浅色主题——按 ctrl+t 切换回来。"
