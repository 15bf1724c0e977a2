#!/usr/bin/python3
# action_runner.py - runs the composite action in action.yml as a GitHub runner does, offline,
# for tests/action_test.sh: its inputs with their defaults, ${{ }} expressions (inputs, step
# outputs, github.*, runner.*; anything else is an error, so the action keeps to what this knows),
# if: conditions, each run: step with bash -eo pipefail from the workspace, GITHUB_ACTION_PATH,
# a fresh GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY per step (read back after it, as the
# runner does), steps skipped after a failure, and the action's outputs from its steps' outputs.
# github/codeql-action/upload-sarif is stood in for: the upload is recorded, with what the file
# holds. With --workflow it runs a workflow's one job instead (a docs/integration.md recipe):
# actions/checkout is the workspace as it is, `uses: REF` (--uses) is this action, run: steps run.
#   action_runner.py --action DIR --workspace DIR --temp DIR --report FILE [--with NAME=VALUE]...
#   action_runner.py ... --workflow FILE --uses OWNER/domlint@v0.2.0
# Exit status: the action's (or the job's): 0, or the status of the step that failed.
import argparse
import json
import os
import re
import subprocess
import sys

import yaml


class Unsupported(Exception):
    """An expression or step this stand-in does not know: the test must fail, not guess."""


EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def value(expr, ctx):
    """The value of a context reference (inputs.x, steps.id.outputs.x, github.x, runner.x)."""
    parts = expr.split(".")
    if parts[0] == "inputs" and len(parts) == 2 and "inputs" in ctx:
        if parts[1] not in ctx["inputs"]:
            raise Unsupported("undeclared input: " + expr)
        return ctx["inputs"][parts[1]]
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["steps"].get(parts[1], {}).get(parts[3], "")
    if parts[0] in ("github", "runner") and len(parts) == 2 and expr in ctx["vars"]:
        return ctx["vars"][expr]
    raise Unsupported("expression not known to this runner: " + expr)


def scalar(v):
    """A YAML value as the runner hands it on: true and false as written, not Python's True."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else str(v)


def substitute(text, ctx):
    return EXPR.sub(lambda m: value(m.group(1), ctx), scalar(text))


def condition(cond, ctx, failed):
    """An if: condition. Strings compare ignoring case, as GitHub's expressions do."""
    if cond is None:
        return not failed
    cond = str(cond).strip()
    m = EXPR.fullmatch(cond)
    if m:
        cond = m.group(1)
    results = []
    for term in re.split(r"\s*&&\s*", cond):
        if term == "always()":
            results.append(True)
            continue
        if term == "success()":
            results.append(not failed)
            continue
        if term == "failure()":
            results.append(failed)
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(==|!=)\s*'([^']*)'", term)
        if not m:
            raise Unsupported("if: condition not known to this runner: " + term)
        same = value(m.group(1), ctx).lower() == m.group(3).lower()
        results.append(same if m.group(2) == "==" else not same)
    explicit = any(t in cond for t in ("always()", "success()", "failure()"))
    return all(results) and (explicit or not failed)


def read_commands_file(path):
    """NAME=VALUE and NAME<<DELIMITER ... DELIMITER lines (GITHUB_OUTPUT, GITHUB_ENV)."""
    values = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        m = re.fullmatch(r"([^=<]+)<<(.+)", line)
        if m:
            body = []
            while i < len(lines) and lines[i] != m.group(2):
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise Unsupported("unterminated %s<<%s in %s" % (m.group(1), m.group(2), path))
            i += 1
            values[m.group(1)] = "\n".join(body)
        elif "=" in line:
            name, val = line.split("=", 1)
            values[name] = val
        else:
            raise Unsupported("not NAME=VALUE in %s: %r" % (path, line))
    return values


class Runner:
    def __init__(self, args):
        self.workspace = os.path.abspath(args.workspace)
        self.temp = os.path.abspath(args.temp)
        self.env = dict(os.environ)
        self.env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_OS": "Linux",
            "GITHUB_WORKSPACE": self.workspace, "RUNNER_TEMP": self.temp,
        })
        self.vars = {"github.workspace": self.workspace, "runner.temp": self.temp,
                     "runner.os": "Linux"}
        self.uploads = []
        self.summary = ""
        self.log = []
        self.count = 0

    def run_script(self, script, env, cwd):
        """A run: step with shell: bash, as the runner starts it; its status."""
        self.count += 1
        base = os.path.join(self.temp, "_step%02d" % self.count)
        files = {name: base + "." + name.lower() for name in
                 ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
        for path in files.values():
            open(path, "w").close()
        with open(base + ".sh", "w") as f:
            f.write(script if script.endswith("\n") else script + "\n")
        full = dict(self.env)
        full.update(env)
        full.update(files)
        sys.stdout.flush()
        status = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", base + ".sh"],
                                 env=full, cwd=cwd)
        # What the step left for the runner: outputs, environment and PATH for the next steps.
        self.env.update(read_commands_file(files["GITHUB_ENV"]))
        with open(files["GITHUB_PATH"]) as f:
            for line in f.read().split("\n"):
                if line:
                    self.env["PATH"] = line + os.pathsep + self.env["PATH"]
        with open(files["GITHUB_STEP_SUMMARY"]) as f:
            self.summary += f.read()
        return status, read_commands_file(files["GITHUB_OUTPUT"])

    def upload_sarif(self, with_):
        """The stand-in for github/codeql-action/upload-sarif: what it would upload."""
        path = with_.get("sarif_file", "")
        if path and not os.path.isabs(path):
            path = os.path.join(self.workspace, path)
        rec = {"sarif_file": with_.get("sarif_file", ""), "category": with_.get("category", ""),
               "exists": os.path.isfile(path), "version": None, "results": None}
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            rec["version"] = doc.get("version")
            rec["results"] = sum(len(r.get("results", [])) for r in doc.get("runs", []))
        except (OSError, ValueError):
            pass
        self.uploads.append(rec)
        print("action_runner: upload-sarif stand-in: %s (%s)" % (path, rec["version"]))
        return 0 if rec["version"] else 1

    def action(self, action_dir, with_, outer_env):
        """The composite action in action_dir with the inputs with_: (status, outputs, steps)."""
        action_dir = os.path.abspath(action_dir)
        with open(os.path.join(action_dir, "action.yml")) as f:
            meta = yaml.safe_load(f)
        if meta.get("runs", {}).get("using") != "composite":
            raise Unsupported("action.yml: runs.using is not composite")
        declared = meta.get("inputs", {}) or {}
        for name in with_:
            if name not in declared:
                # GitHub only warns; a test passing an unknown input has a typo.
                raise Unsupported("unexpected input: " + name)
        inputs = {}
        for name, spec in declared.items():
            spec = spec or {}
            if name in with_:
                inputs[name] = scalar(with_[name])
            elif spec.get("required") and "default" not in spec:
                raise Unsupported("required input not given: " + name)
            else:
                inputs[name] = scalar(spec.get("default", ""))
        ctx = {"inputs": inputs, "steps": {},
               "vars": dict(self.vars, **{"github.action_path": action_dir})}
        failed = False
        status = 0
        report = []
        for i, step in enumerate(meta["runs"]["steps"]):
            name = step.get("name", step.get("id", "step %d" % i))
            if not condition(step.get("if"), ctx, failed):
                report.append({"name": name, "ran": False})
                continue
            env = dict(outer_env)
            env.update({k: substitute(v, ctx) for k, v in (step.get("env") or {}).items()})
            if "uses" in step:
                with_step = {k: substitute(v, ctx) for k, v in (step.get("with") or {}).items()}
                if not step["uses"].startswith("github/codeql-action/upload-sarif@"):
                    raise Unsupported("uses: " + step["uses"])
                st, outputs = self.upload_sarif(with_step), {}
            else:
                if step.get("shell") != "bash":
                    raise Unsupported("a composite run: step needs shell: bash (%s)" % name)
                env["GITHUB_ACTION_PATH"] = action_dir
                cwd = self.workspace
                if step.get("working-directory"):
                    cwd = os.path.join(self.workspace, substitute(step["working-directory"], ctx))
                st, outputs = self.run_script(substitute(step["run"], ctx), env, cwd)
            if "id" in step:
                ctx["steps"][step["id"]] = outputs
            report.append({"name": name, "ran": True, "status": st})
            if st != 0 and not failed:
                failed, status = True, st
        outputs = {k: substitute((v or {}).get("value", ""), ctx)
                   for k, v in (meta.get("outputs") or {}).items()}
        return status, outputs, report

    def workflow(self, path, uses, action_dir):
        """The workflow's one job: checkout is the workspace, `uses` is the action."""
        with open(path) as f:
            w = yaml.safe_load(f)
        jobs = list(w["jobs"].values())
        if len(jobs) != 1:
            raise Unsupported("the workflow has %d jobs, not one" % len(jobs))
        job = jobs[0]
        ctx = {"steps": {}, "vars": dict(self.vars)}
        base_env = {}
        for env in (w.get("env"), job.get("env")):
            base_env.update({k: substitute(v, ctx) for k, v in (env or {}).items()})
        failed, status, report, result = False, 0, [], {}
        for step in job["steps"]:
            name = step.get("name", step.get("uses", "run"))
            if not condition(step.get("if"), ctx, failed):
                report.append({"name": name, "ran": False})
                continue
            env = dict(base_env)
            env.update({k: substitute(v, ctx) for k, v in (step.get("env") or {}).items()})
            outputs = {}
            if "uses" in step and step["uses"].startswith("actions/checkout@"):
                st = 0
            elif "uses" in step and step["uses"] == uses:
                with_ = {k: substitute(v, ctx) for k, v in (step.get("with") or {}).items()}
                st, outputs, steps = self.action(action_dir, with_, env)
                result = {"with": with_, "outputs": outputs, "steps": steps, "status": st}
            elif "uses" in step:
                raise Unsupported("uses: %s (only actions/checkout and %s)" % (step["uses"], uses))
            else:
                st, outputs = self.run_script(substitute(step["run"], ctx), env, self.workspace)
            if "id" in step:
                ctx["steps"][step["id"]] = outputs
            report.append({"name": name, "ran": True, "status": st})
            if st != 0 and not failed:
                failed, status = True, st
        return status, {"action": result, "steps": report, "permissions": w.get("permissions"),
                        "job_permissions": job.get("permissions")}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--action", required=True)
    p.add_argument("--workspace", required=True)
    p.add_argument("--temp", required=True)
    p.add_argument("--report", required=True)
    p.add_argument("--with", dest="with_", action="append", default=[])
    p.add_argument("--workflow")
    p.add_argument("--uses")
    args = p.parse_args()
    runner = Runner(args)
    try:
        if args.workflow:
            status, report = runner.workflow(args.workflow, args.uses, args.action)
        else:
            with_ = dict(kv.split("=", 1) for kv in args.with_)
            status, outputs, steps = runner.action(args.action, with_, {})
            report = {"outputs": outputs, "steps": steps}
    except (Unsupported, KeyError, yaml.YAMLError) as e:
        print("action_runner: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        status, report = 100, {"error": str(e)}
    report.update({"status": status, "uploads": runner.uploads, "step_summary": runner.summary})
    with open(args.report, "w") as f:
        json.dump(report, f, indent=1)
    return status


if __name__ == "__main__":
    sys.exit(main())
