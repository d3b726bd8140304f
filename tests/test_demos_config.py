"""Demo options: one parser for the CLI, the runner and DemoProcess."""
from __future__ import annotations

import pytest

from tutor.demos.config import DEMOS, ConfigError, DemoConfig, options_to_argv, parse, to_argv


def test_every_lesson_demo_has_an_engine_module():
    import importlib.util

    from tutor.content.lessons import DEMOS as LESSON_DEMOS

    assert set(LESSON_DEMOS) == set(DEMOS)
    for name in DEMOS:
        assert importlib.util.find_spec(f"tutor.demos.{name}") is not None, name


def test_unset_options_are_none_so_engines_pick_defaults():
    config = parse(["cnn"])
    assert config == DemoConfig("cnn")
    assert config.pick("epochs", 3) == 3
    assert parse(["cnn", "--epochs", "5"]).pick("epochs", 3) == 5


def test_options_for_another_demo_are_refused_with_the_demos_that_take_them():
    with pytest.raises(ConfigError, match=r"--gen-loss does not apply to the cnn demo \(only to: gan\)"):
        parse(["cnn", "--gen-loss", "saturating"])
    with pytest.raises(ConfigError, match="unknown demo"):
        parse(["mnist"])
    with pytest.raises(ConfigError, match="shapes set is built in"):
        parse(["cnn", "--data", "shapes", "--download"])


@pytest.mark.parametrize("argv", [["cnn", "--epochs", "0"], ["cnn", "--lr", "-1"], ["gd", "--steps", "x"],
                                  ["cnn", "--device", "tpu"], ["cnn", "--recipe", "slow"]])
def test_bad_values_are_argparse_errors(argv, capsys):
    with pytest.raises(SystemExit) as info:
        parse(argv)
    assert info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_to_argv_round_trips():
    config = parse(["cnn", "--recipe", "article", "--data", "shapes", "--train-size", "100", "--no-pictures",
                    "--seed", "3", "--json", "--lr", "0.01"])
    assert parse(to_argv(config)) == config


def test_options_to_argv_validates_keywords():
    assert options_to_argv("gan", {"steps": 10, "gen_loss": "saturating", "pictures": False}) == [
        "gan", "--steps", "10", "--no-pictures", "--gen-loss", "saturating"]
    with pytest.raises(ConfigError, match="unknown demo option"):
        options_to_argv("gan", {"stepz": 10})
