"""Promises of the hooks, checked on their functions directly (no bake): validators, pruning, secrets, git."""

from __future__ import annotations

import fnmatch
import json
import re
import stat
import subprocess
from pathlib import Path

import pytest

import baking
from hooks import post_gen_project as post
from hooks import pre_gen_project as pre

REFUSAL = re.compile(r"^(?P<option>\w+)=(?P<value>'.*'|\".*\") is refused: (?P<why>.+)\. Allowed: (?P<allowed>.+)\.$")


def assert_refused(error: pytest.ExceptionInfo[ValueError], option: str, value: str) -> None:
    message = str(error.value)
    match = REFUSAL.match(message)
    assert match, f"refusal does not read '<option>=<value> is refused: <why>. Allowed: <what>.': {message!r}"
    assert match["option"] == option
    assert match["value"] == repr(value)


# --- pre_gen_project: one validator per rule ---------------------------------------------------------------

GOOD_SLUGS = ["my_shop", "shop", "prodev_backend", "shop2", "a"]
BAD_SLUGS = ["My-Shop", "my-shop", "MyShop", "my shop", "1shop", "_shop", "", "class", "match", "json", "os",
             "django", "tests", "config", "users", "rest_framework"]  # fmt: skip


@pytest.mark.parametrize("slug", GOOD_SLUGS)
def test_a_lowercase_identifier_is_a_good_slug(slug: str) -> None:
    pre.validate_project_slug(slug)


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_a_bad_slug_is_refused_with_a_message(slug: str) -> None:
    with pytest.raises(ValueError, match="project_slug") as error:
        pre.validate_project_slug(slug)
    assert_refused(error, "project_slug", slug)


@pytest.mark.parametrize("email", ["ada@example.com", "a.b+c@mail.example.org"])
def test_a_plain_email_address_is_accepted(email: str) -> None:
    pre.validate_author_email(email)


@pytest.mark.parametrize("email", ["not-an-email", "ada@", "@example.com", "ada@example", "ada @example.com", ""])
def test_a_bad_email_address_is_refused(email: str) -> None:
    with pytest.raises(ValueError, match="author_email") as error:
        pre.validate_author_email(email)
    assert_refused(error, "author_email", email)


@pytest.mark.parametrize("domain", ["example.com", "api.example.com", "my-shop.example.co.uk"])
def test_a_bare_host_name_is_a_good_domain(domain: str) -> None:
    pre.validate_domain_name(domain)


@pytest.mark.parametrize(
    "domain",
    ["https://example.com", "example.com/path", "example.com:8000", "localhost", "-bad.example.com", "a..b", ""],
)
def test_a_domain_with_a_scheme_port_path_or_bad_label_is_refused(domain: str) -> None:
    with pytest.raises(ValueError, match="domain_name") as error:
        pre.validate_domain_name(domain)
    assert_refused(error, "domain_name", domain)


@pytest.mark.parametrize("version", ["0.1.0", "1.0", "1.0rc1", "2.3.post1", "1.0.dev0", "2024.1"])
def test_a_canonical_pep440_version_is_accepted(version: str) -> None:
    pre.validate_version(version)


@pytest.mark.parametrize("version", ["one", "v1.0", "1.0-beta", "01.0", "1.0.", ""])
def test_a_version_that_is_not_canonical_pep440_is_refused(version: str) -> None:
    with pytest.raises(ValueError, match="version") as error:
        pre.validate_version(version)
    assert_refused(error, "version", version)


@pytest.mark.parametrize("timezone", ["UTC", "Europe/Berlin", "America/New_York"])
def test_an_iana_time_zone_is_accepted(timezone: str) -> None:
    pre.validate_timezone(timezone)


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "utc/nowhere", "../etc/passwd", ""])
def test_an_unknown_time_zone_is_refused(timezone: str) -> None:
    with pytest.raises(ValueError, match="timezone") as error:
        pre.validate_timezone(timezone)
    assert_refused(error, "timezone", timezone)


@pytest.mark.parametrize("text", ["  ", "", 'say "hi"', "back\\slash", "two\nlines", "tab\there"])
def test_empty_or_unsafe_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="project_name") as error:
        pre.validate_text("project_name", text)
    assert_refused(error, "project_name", text)


def test_plain_text_with_accents_and_apostrophes_is_accepted() -> None:
    pre.validate_text("author_name", "Zoë O'Brien-Łukasiewicz")


@pytest.mark.parametrize("option", baking.TEXT_OPTIONS)
def test_every_text_answer_refuses_a_double_quote(option: str) -> None:
    """A double quote would end a TOML or Python string it is rendered into."""
    answers = baking.rendered_context()
    answers[option] = answers[option][:1] + '"' + answers[option][1:]
    with pytest.raises(ValueError, match=option):
        pre.validate(answers)


@pytest.mark.parametrize("option", baking.TEXT_OPTIONS)
def test_every_text_answer_refuses_an_empty_value(option: str) -> None:
    answers = baking.rendered_context()
    answers[option] = ""
    with pytest.raises(ValueError, match=option):
        pre.validate(answers)


def test_django_6_with_python_3_11_is_refused() -> None:
    answers = {**baking.rendered_context(), "django_version": "6.1", "python_version": "3.11"}
    with pytest.raises(ValueError, match="python_version") as error:
        pre.validate_combination(answers)
    assert_refused(error, "python_version", "3.11")
    assert "Django 6.1 needs Python 3.12+" in str(error.value)


# --- pre_gen_project: the combination rules ----------------------------------------------------------------

RULE_IDS = [f"{rule['kind']}-{rule['option']}" for rule in pre.COMBINATION_RULES]


def _answers_meeting(rule: dict) -> dict[str, str]:
    """The default answers, with each condition of the rule met by the first choice that matches it."""
    answers = baking.rendered_context()
    for option, pattern in rule["when"].items():
        answers[option] = next(v for v in baking.CHOICE_OPTIONS[option] if fnmatch.fnmatchcase(v, pattern))
    return answers


@pytest.mark.parametrize("rule", pre.COMBINATION_RULES, ids=RULE_IDS)
def test_every_combination_rule_names_real_choices(rule: dict) -> None:
    assert rule["kind"] in {"refuse", "ignore"}
    assert rule["option"] in baking.CHOICE_OPTIONS, f"{rule['option']} is not a choice option"
    assert rule["option"] not in rule["when"]
    for option, pattern in rule["when"].items():
        assert option in baking.CHOICE_OPTIONS, f"condition on {option}, which is not a choice option"
        matched = [v for v in baking.CHOICE_OPTIONS[option] if fnmatch.fnmatchcase(v, pattern)]
        assert matched, f"{option}={pattern!r} matches none of {baking.CHOICE_OPTIONS[option]}: a dead rule"
    assert rule["why"].format(**baking.rendered_context())


@pytest.mark.parametrize("rule", [r for r in pre.COMBINATION_RULES if r["kind"] == "refuse"])
def test_a_refuse_rule_stops_its_values_and_only_when_its_condition_holds(rule: dict) -> None:
    option = rule["option"]
    for value in rule["values"]:
        answers = {**_answers_meeting(rule), option: value}
        with pytest.raises(ValueError, match=option) as error:
            pre.validate_combination(answers)
        assert_refused(error, option, value)
        assert not baking.is_sensible(answers)
    for value in baking.CHOICE_OPTIONS[option]:
        answers = {**_answers_meeting(rule), option: value}
        if not pre.refused_value(rule, value):
            pre.validate_combination(answers)
            assert baking.is_sensible(answers)
    # The same values pass when the condition does not hold.
    for condition, pattern in rule["when"].items():
        others = [v for v in baking.CHOICE_OPTIONS[condition] if not fnmatch.fnmatchcase(v, pattern)]
        for other in others:
            for value in rule["values"]:
                pre.validate_combination({**_answers_meeting(rule), condition: other, option: value})


@pytest.mark.parametrize("rule", [r for r in pre.COMBINATION_RULES if r["kind"] == "ignore"])
def test_an_ignored_answer_bakes_the_same_project_whatever_its_value(rule: dict, tmp_path: Path) -> None:
    """The claim behind baking only the default of an ignored option: every other value writes the same bytes
    (the fresh secrets of .env aside, whose keys must still be the same)."""
    option, meeting = rule["option"], _answers_meeting(rule)
    conditions = {name: meeting[name] for name in rule["when"]}
    projects = {}
    for value in baking.CHOICE_OPTIONS[option]:
        projects[value] = baking.bake(tmp_path / value, **conditions, **{option: value})
        assert baking.is_sensible({**conditions, option: value}) == (value == baking.DEFAULT_CHOICES[option])
    contents = {value: _tree(project) for value, project in projects.items()}
    reference = contents[baking.DEFAULT_CHOICES[option]]
    for value, tree in contents.items():
        different = sorted(path for path in reference.keys() | tree.keys() if reference.get(path) != tree.get(path))
        assert not different, f"{option}={value} changes {different} although {conditions} should make it moot"
        env = baking.read_env_file(projects[value] / ".env")
        assert env.keys() == baking.read_env_file(projects[baking.DEFAULT_CHOICES[option]] / ".env").keys()


def _tree(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.name != ".env" and ".git" not in path.relative_to(project).parts
    }


def test_every_tested_choice_combination_passes_validation(combination: baking.Combination) -> None:
    """Over the covering set: the product is too big to spell out (tests/exhaustive.py covers it file by file)."""
    pre.validate(baking.rendered_context(**combination))


def test_the_default_answers_pass_every_check() -> None:
    assert pre.main(baking.rendered_context()) == 0


FOUR_BAD = {"project_slug": "json", "author_email": "nope", "domain_name": "https://x.com/", "version": "banana"}


def test_validate_reports_every_refused_answer_one_line_each() -> None:
    with pytest.raises(ValueError, match="is refused") as error:
        pre.validate(baking.rendered_context(**FOUR_BAD))
    lines = str(error.value).splitlines()
    assert [line.split("=", 1)[0] for line in lines] == list(FOUR_BAD)
    assert all(REFUSAL.match(line) for line in lines)


def test_main_prints_every_refusal_in_one_framed_block_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert pre.main(baking.rendered_context(**FOUR_BAD)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == lines[-1] == pre.RULE
    assert lines[1] == "cookiecutter-prodev-backend refused 4 answers; no file was written:"
    refused = [line.removeprefix("  - ") for line in lines if line.startswith("  - ")]
    assert [line.split("=", 1)[0] for line in refused] == list(FOUR_BAD)
    assert any(line.startswith("  cookiecutter ") for line in lines), "no command to re-run"


def test_without_a_replay_file_the_rerun_command_carries_every_answer_that_is_not_a_default(tmp_path: Path) -> None:
    answers = baking.rendered_context(project_name="My Shop", project_slug="json", api_auth="token")
    answers.update(_template="gh:someone/cookiecutter-prodev-backend", _output_dir=str(tmp_path), _checkout="abc123")
    run = pre.Run(repo_dir=baking.TEMPLATE_DIR, user_cwd=tmp_path)
    lines = pre.rerun_instructions(answers, run)
    assert lines[-1] == (
        "  cookiecutter --no-input --checkout abc123 gh:someone/cookiecutter-prodev-backend "
        "'project_name=My Shop' project_slug=json api_auth=token"
    )


def test_with_the_replay_file_cookiecutter_wrote_the_rerun_command_replays_it(tmp_path: Path) -> None:
    answers = baking.rendered_context(project_slug="json")
    answers.update(_template="../tpl", _output_dir=str(tmp_path / "out"), _repo_dir="../tpl", _checkout=None)
    (tmp_path / "config.yaml").write_text(f'replay_dir: "{tmp_path / "replay"}"\n')
    (tmp_path / "replay").mkdir()
    saved = tmp_path / "replay" / "tpl.json"
    saved.write_text(json.dumps({"cookiecutter": answers}))
    run = pre.Run(argv=("cookiecutter", "--config-file", "config.yaml"), repo_dir=tmp_path / "x", user_cwd=tmp_path)
    assert pre.replay_file(answers, run) == saved
    assert pre.rerun_instructions(answers, run)[-1] == (
        f"  cookiecutter --replay-file {saved} --output-dir {tmp_path / 'out'} ../tpl"
    )
    saved.write_text(json.dumps({"cookiecutter": {**answers, "version": "9.9"}}))
    assert pre.replay_file(answers, run) is None, "a replay file holding other answers is not these answers"


def test_a_preset_with_a_misspelt_option_or_a_choice_off_the_list_is_refused_other_keys_pass(tmp_path: Path) -> None:
    preset = 'default_context:\n  api_auht: token\n  full_name: Ada\n  python_version: "3.11"\n'
    (tmp_path / "preset.yaml").write_text(preset)
    run = pre.Run(argv=("cookiecutter", "--config-file=preset.yaml"), repo_dir=baking.TEMPLATE_DIR, user_cwd=tmp_path)
    messages = pre.config_refusals(run)
    assert [message.split("=", 1)[0] for message in messages] == ["api_auht", "python_version"]
    assert all(REFUSAL.match(message) for message in messages)
    assert messages[0].endswith("only one close to api_auth (cookiecutter would ignore it). Allowed: api_auth.")
    assert messages[1].endswith("Allowed: 3.13, 3.12.")


def test_hooks_keep_the_rendered_answers_as_a_string_that_imports_unrendered() -> None:
    assert "cookiecutter" in pre.RENDERED_ANSWERS
    assert "cookiecutter" in post.RENDERED_ANSWERS


# --- post_gen_project: pruning table -----------------------------------------------------------------------


def test_every_pruning_rule_names_an_option_and_values_of_cookiecutter_json() -> None:
    for option, keep_values, _paths in post.KEEP_ONLY_WHEN:
        assert option in baking.CHOICE_OPTIONS, f"{option} is not a choice option of cookiecutter.json"
        assert keep_values <= set(baking.CHOICE_OPTIONS[option]), f"{option}: {keep_values} not all choices"


def test_every_pruning_rule_names_a_path_the_skeleton_has() -> None:
    missing = [
        path
        for _option, _keep, paths in post.KEEP_ONLY_WHEN
        for path in paths
        if not (baking.SKELETON_DIR / path.format(slug="{{cookiecutter.project_slug}}")).exists()
    ]
    assert not missing, f"pruning rules name paths absent from the skeleton: {missing}"


def _rule_values() -> list[tuple[str, str]]:
    options = dict.fromkeys(option for option, _keep, _paths in post.KEEP_ONLY_WHEN)
    return [(option, value) for option in options for value in baking.CHOICE_OPTIONS.get(option, ())]


@pytest.mark.parametrize(("option", "value"), _rule_values(), ids=lambda v: str(v))
def test_pruning_keeps_the_chosen_files_and_drops_the_others(option: str, value: str) -> None:
    answers = baking.rendered_context(project_slug="my_shop", **{option: value})
    pruned = set(post.paths_to_prune(answers))
    for rule_option, keep_values, paths in post.KEEP_ONLY_WHEN:
        if rule_option != option:
            continue
        expanded = {path.format(slug="my_shop") for path in paths}
        if value in keep_values:
            assert not expanded & pruned, f"{option}={value} prunes files it needs: {expanded & pruned}"
        else:
            assert expanded <= pruned, f"{option}={value} keeps files of another choice: {expanded - pruned}"
    assert all(path.startswith("my_shop/") or "{" not in path for path in pruned)


@pytest.mark.parametrize("api_auth", baking.CHOICE_OPTIONS["api_auth"])
def test_paths_to_prune_drops_exactly_the_other_authentication_modules(api_auth: str) -> None:
    answers = baking.rendered_context(project_slug="my_shop", api_auth=api_auth)
    pruned = post.paths_to_prune(answers)
    others = [value for value in baking.CHOICE_OPTIONS["api_auth"] if value != api_auth]
    assert not [path for path in pruned if f"auth_{api_auth}" in path]
    for other in others:
        assert f"my_shop/users/api/auth_{other}.py" in pruned


def test_prune_removes_files_and_folders_and_tolerates_missing_ones(tmp_path: Path) -> None:
    answers = baking.rendered_context(project_slug="my_shop", api_auth="jwt")
    doomed = [tmp_path / path for path in post.paths_to_prune(answers)]
    for path in doomed[:-1]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    kept = tmp_path / "my_shop/users/api/auth_jwt.py"
    kept.write_text("x = 1\n")
    post.prune(tmp_path, answers)
    assert not [path for path in doomed if path.exists()]
    assert kept.exists()


# --- post_gen_project: license, secrets, .env, git ---------------------------------------------------------


def test_install_license_keeps_the_chosen_text_and_drops_the_folder(tmp_path: Path) -> None:
    licenses = tmp_path / "licenses"
    licenses.mkdir()
    for name in baking.CHOICE_OPTIONS["open_source_license"]:
        (licenses / f"{name}.txt").write_text(f"text of {name}\n")
    post.install_license(tmp_path, {"open_source_license": "Apache-2.0"})
    assert (tmp_path / "LICENSE").read_text() == "text of Apache-2.0\n"
    assert not licenses.exists()


def test_make_secret_is_long_alphanumeric_and_fresh() -> None:
    first, second = post.make_secret(64), post.make_secret(64)
    assert len(first) == 64
    assert first.isascii()
    assert first.isalnum()
    assert first != second


def test_make_secret_draws_only_from_the_given_alphabet() -> None:
    assert set(post.make_secret(200, "ab")) == {"a", "b"}


def test_the_django_secret_key_passes_djangos_w009_rule() -> None:
    key = post.env_values()["DJANGO_SECRET_KEY"]
    assert len(key) >= 50
    assert len(set(key)) >= 5
    assert not key.startswith("django-insecure-")
    assert key.isascii()
    assert key.isalnum()


ENV_EXAMPLE = """\
# Settings for local development.
DJANGO_SECRET_KEY=change-me
DJANGO_ADMIN_URL=admin/
DATABASE_URL=postgres://postgres@127.0.0.1:5432/my_shop

POSTGRES_PASSWORD=
"""


def test_write_env_fills_fresh_secrets_into_a_file_only_the_owner_reads(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(ENV_EXAMPLE)
    post.write_env(tmp_path)
    env_file = tmp_path / ".env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    values = baking.read_env_file(env_file)
    assert values["DJANGO_SECRET_KEY"] != "change-me"
    assert len(values["DJANGO_SECRET_KEY"]) >= 50
    assert re.fullmatch(r"admin-[a-z0-9]{16}/", values["DJANGO_ADMIN_URL"])
    assert len(values["POSTGRES_PASSWORD"]) >= 32
    assert values["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/my_shop"
    lines = env_file.read_text().splitlines()
    assert lines[0] == "# Settings for local development."
    assert "" in lines
    assert (tmp_path / ".env.example").read_text() == ENV_EXAMPLE


def test_write_env_gives_every_project_its_own_secrets(tmp_path: Path) -> None:
    secrets = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".env.example").write_text(ENV_EXAMPLE)
        post.write_env(tmp_path / name)
        secrets.append(baking.read_env_file(tmp_path / name / ".env"))
    for key in ("DJANGO_SECRET_KEY", "DJANGO_ADMIN_URL", "POSTGRES_PASSWORD"):
        assert secrets[0][key] != secrets[1][key]


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def test_init_git_makes_one_commit_by_the_author(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# shop\n")
    post.init_git(tmp_path, {"init_git": "y", "author_name": "Ada Lovelace", "author_email": "ada@example.com"})
    assert _git(tmp_path, "rev-list", "--count", "HEAD").strip() == "1"
    assert _git(tmp_path, "log", "--format=%an <%ae>").strip() == "Ada Lovelace <ada@example.com>"
    assert _git(tmp_path, "branch", "--show-current").strip() == "main"
    assert _git(tmp_path, "status", "--porcelain") == ""


def test_init_git_does_nothing_when_not_asked(tmp_path: Path) -> None:
    post.init_git(tmp_path, {"init_git": "n", "author_name": "Ada", "author_email": "ada@example.com"})
    assert not (tmp_path / ".git").exists()


def test_main_runs_every_step_on_a_rendered_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = baking.rendered_context(project_slug="my_shop", api_auth="token", open_source_license="MIT")
    pruned = post.paths_to_prune(answers)
    # A path inside another pruned path (shop/graphql/... inside shop/) goes with its folder.
    outermost = [path for path in pruned if not any(Path(other) in Path(path).parents for other in pruned)]
    for path in [*outermost, "my_shop/users/api/auth_token.py"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n")
    (tmp_path / "licenses").mkdir()
    for name in baking.CHOICE_OPTIONS["open_source_license"]:
        (tmp_path / "licenses" / f"{name}.txt").write_text(f"{name}\n")
    (tmp_path / ".env.example").write_text(ENV_EXAMPLE)
    monkeypatch.chdir(tmp_path)

    assert post.main(answers) == 0

    assert (tmp_path / "my_shop/users/api/auth_token.py").exists()
    assert not [path for path in post.paths_to_prune(answers) if (tmp_path / path).exists()]
    assert (tmp_path / "LICENSE").read_text() == "MIT\n"
    assert (tmp_path / ".env").exists()
    out = capsys.readouterr().out
    assert "cd my_shop" in out
    admin = baking.read_env_file(tmp_path / ".env")["DJANGO_ADMIN_URL"]
    assert f"http://127.0.0.1:8000/{admin}\n" in out


def test_admin_path_is_read_from_the_written_env(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DJANGO_SECRET_KEY=x\nDJANGO_ADMIN_URL=admin-abc123/\n")
    assert post.admin_path(tmp_path) == "admin-abc123/"


def test_admin_path_refuses_an_env_without_the_key(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DJANGO_SECRET_KEY=x\n")
    with pytest.raises(LookupError, match="DJANGO_ADMIN_URL"):
        post.admin_path(tmp_path)


def test_the_next_steps_say_how_to_get_uv_only_when_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = baking.rendered_context()
    monkeypatch.setenv("PATH", str(tmp_path))
    post.print_next_steps(answers, "admin-abc123/")
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == f"uv is not on your PATH. {post.UV_INSTALL}"
    assert lines[3] == "  cd prodev_backend"

    (tmp_path / "uv").write_text("#!/bin/sh\n")
    (tmp_path / "uv").chmod(0o755)
    post.print_next_steps(answers, "admin-abc123/")
    assert "pip install uv" not in capsys.readouterr().out


def test_under_cruft_the_next_steps_go_to_stderr_so_cruft_diff_prints_only_a_patch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = baking.rendered_context()
    post.print_next_steps(answers, "admin-abc123/")
    by_cookiecutter = capsys.readouterr()
    assert "Next steps" in by_cookiecutter.out
    assert by_cookiecutter.err == ""

    post.print_next_steps({**answers, "_commit": "0" * 40}, "admin-abc123/")
    by_cruft = capsys.readouterr()
    assert by_cruft.out == ""
    assert by_cruft.err == by_cookiecutter.out
