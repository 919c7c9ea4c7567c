"""The rules deploy/check-manifests.sh holds the deployment files to (run by it; python3 with PyYAML).

  check_manifests.py --root REPO [--rendered RENDERED.yaml --json-out RENDERED.json]

--rendered: the output of `kubectl kustomize deploy/k8s`; its objects are checked against the rules below and written
as one JSON array to --json-out for the schema validation. Always: deploy/compose/compose.yaml, the secrets file's
key names, and every file under deploy/ that git tracks or would add holds no secret value.
Prints one `  FAIL where: what` line per problem, `  note ...` lines, and last a `SUMMARY: ...` line; exit 1 on a FAIL.
"""
import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

# The objects the kustomization may hold: anything else is a typo or needs a rule here first.
KNOWN_KINDS = {
    ("v1", "Namespace"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"), ("v1", "ServiceAccount"),
    ("apps/v1", "Deployment"), ("policy/v1", "PodDisruptionBudget"),
    ("networking.k8s.io/v1", "NetworkPolicy"), ("networking.k8s.io/v1", "Ingress"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
}
SERVICES = ("register-service", "review-service", "notification-service", "workload-service")
# A service exits within this many seconds of SIGTERM: HTTP drain 3 s (quarkus.shutdown.timeout), then consumers and
# outbox relay 5 s (sen.shutdown.drain-timeout); platform/src/main/resources/META-INF/microprofile-config.properties.
SHUTDOWN_SECONDS = 10
GRACE_MARGIN_SECONDS = 5
HEALTH_PATHS = {"readinessProbe": "/q/health/ready", "livenessProbe": "/q/health/live",
                "startupProbe": "/q/health/started"}
# Variables a deployment must set: those without a usable default (`${X}` or `${X:}`) and these by name (the addresses
# and identities of what the services talk to). The others are tunables whose defaults hold in production too.
DEPLOY_TIME = re.compile(r"^(DB_|KAFKA_|OIDC_|SMTP_HOST$|SMTP_PORT$|MAIL_FROM$|HTTP_PORT$|MANAGEMENT_PORT$)"
                         r"|(_URL|_PROVIDER|_API_KEY)$")
# Names whose value is a secret.
SECRET_NAME = re.compile(r"(?i)(password|passwd|secret|api[_-]?key|apikey|token|credentials?)$")
PLACEHOLDERS = {"change-me", "changeme", "...", "xxx", "placeholder"}
# Secrets recognisable by their shape alone, whatever they are assigned to.
SECRET_SHAPES = [
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("a GOV.UK Notify API key", re.compile(r"[A-Za-z0-9_]+-[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}"
                                           r"-[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}")),
    ("a JSON web token", re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.")),
    ("an AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
]
ASSIGNMENT = re.compile(r"(?P<key>[A-Za-z0-9_.-]+)=(?P<val>\"[^\"]*\"|'[^']*'|[^\s\"',;&|)]+)")
JSON_PAIR = re.compile(r"\"(?P<key>[A-Za-z0-9_.-]+)\"\s*:\s*\"(?P<val>[^\"]*)\"")


class Report:
    def __init__(self):
        self.failures = []
        self.notes = []

    def fail(self, where, what):
        self.failures.append(f"  FAIL  {where}: {what}")

    def note(self, what):
        self.notes.append(f"  note  {what}")


def literal(value):
    """True when a value is written out, not a reference (${X}, $X), a placeholder, or a pattern/expression."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    v = str(value).strip().strip("\"'")
    if not v or v.startswith("$") or v.lower() in PLACEHOLDERS | {"true", "false"} \
            or (v.startswith("<") and v.endswith(">")):
        return False
    return re.fullmatch(r"[^\s$<>{}()\[\]\\*|`]{2,}", v) is not None


# ------------------------------------------------------------------ what the services read

def variables_read(root):
    """{service: {VAR: default or None}} from the services' application.properties and the platform's defaults."""
    ref = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(?::([^}]*))?\}")

    def read(path):
        found = {}
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                line = line.strip()
                if not line or line[0] in "#!%":   # comments, and profile lines (%test.) that never run deployed
                    continue
                for name, default in ref.findall(line):
                    found[name] = default
        return found

    shared = read(os.path.join(root, "platform/src/main/resources/META-INF/microprofile-config.properties"))
    return {s: {**shared, **read(os.path.join(root, s, "src/main/resources/application.properties"))}
            for s in SERVICES}


def deploy_time(variables):
    return sorted(v for v, default in variables.items() if not default or DEPLOY_TIME.search(v))


# ------------------------------------------------------------------ Kubernetes

def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def image_uid(root):
    dockerfile = os.path.join(root, "deploy/Dockerfile.jvm")
    m = re.search(r"^USER\s+(\d+)", open(dockerfile, encoding="utf-8").read(), re.M)
    return int(m.group(1)) if m else None


def generator_names(root):
    k = yaml.safe_load(open(os.path.join(root, "deploy/k8s/kustomization.yaml"), encoding="utf-8")) or {}
    return [g["name"] for g in k.get("secretGenerator", [])]


def check_rendered(docs, root, r):
    uid = image_uid(root)
    variables = variables_read(root)
    generated = generator_names(root)
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d.get("kind"), []).append(d)
    namespaces = {d["metadata"]["name"] for d in by_kind.get("Namespace", [])}
    configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in by_kind.get("ConfigMap", [])}
    secrets = {d["metadata"]["name"]: {**(d.get("data") or {}), **(d.get("stringData") or {})}
               for d in by_kind.get("Secret", [])}

    for d in docs:
        where = f"{d.get('kind')}/{(d.get('metadata') or {}).get('name')}"
        if (d.get("apiVersion"), d.get("kind")) not in KNOWN_KINDS:
            r.fail(where, f"unknown kind {d.get('apiVersion')} {d.get('kind')} (known: deploy/checks/check_manifests.py)")
        if d.get("kind") != "Namespace" and d["metadata"].get("namespace") not in namespaces:
            r.fail(where, f"namespace {d['metadata'].get('namespace')!r} is not the kustomization's {sorted(namespaces)}")
        if d.get("kind") == "Secret" and not any(re.fullmatch(re.escape(g) + r"-[a-z0-9]{10}", d["metadata"]["name"])
                                                 for g in generated):
            r.fail(where, "a Secret written out in a manifest; secrets come from the secretGenerator (secrets.env)")

    fit = 0
    for dep in by_kind.get("Deployment", []):
        name = dep["metadata"]["name"]
        where = f"Deployment/{name}"
        before = len(r.failures)
        spec = dep.get("spec") or {}
        tmpl = spec.get("template") or {}
        pod = tmpl.get("spec") or {}
        labels = (tmpl.get("metadata") or {}).get("labels") or {}
        annotations = (tmpl.get("metadata") or {}).get("annotations") or {}
        replicas = spec.get("replicas", 1)
        if replicas < 2:
            r.fail(where, f"replicas {replicas}: at least 2, so a restart or a node loss leaves one serving")
        psc = pod.get("securityContext") or {}
        if psc.get("runAsNonRoot") is not True:
            r.fail(where, "pod securityContext.runAsNonRoot must be true")
        if psc.get("runAsUser") != uid:
            r.fail(where, f"pod securityContext.runAsUser {psc.get('runAsUser')} is not the image's user {uid} "
                          "(deploy/Dockerfile.jvm)")
        if not isinstance(psc.get("runAsGroup"), int) or psc.get("runAsGroup") == 0:
            r.fail(where, "pod securityContext.runAsGroup must be a fixed group other than 0")
        if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            r.fail(where, "pod securityContext.seccompProfile.type must be RuntimeDefault")
        if pod.get("automountServiceAccountToken") is not False:
            r.fail(where, "automountServiceAccountToken must be false (the services never call the Kubernetes API)")
        for host in ("hostNetwork", "hostPID", "hostIPC"):
            if pod.get(host):
                r.fail(where, f"{host} must not be set")
        spread = [c for c in pod.get("topologySpreadConstraints") or []
                  if c.get("topologyKey") == "kubernetes.io/hostname"
                  and matches((c.get("labelSelector") or {}).get("matchLabels"), labels)]
        if not spread:
            r.fail(where, "no topologySpreadConstraint over kubernetes.io/hostname selecting its pods")
        volumes = {v["name"]: v for v in pod.get("volumes") or []}
        containers = pod.get("containers") or []
        if not containers:
            r.fail(where, "no containers")
        management_port = None
        for c in containers:
            cw = f"{where} container {c.get('name')}"
            ports = {p.get("name"): p.get("containerPort") for p in c.get("ports") or []}
            env = {e["name"]: e for e in c.get("env") or []}
            csc = c.get("securityContext") or {}
            if csc.get("allowPrivilegeEscalation") is not False:
                r.fail(cw, "securityContext.allowPrivilegeEscalation must be false")
            if csc.get("readOnlyRootFilesystem") is not True:
                r.fail(cw, "securityContext.readOnlyRootFilesystem must be true")
            if "ALL" not in ((csc.get("capabilities") or {}).get("drop") or []):
                r.fail(cw, "securityContext.capabilities.drop must include ALL")
            if (csc.get("capabilities") or {}).get("add") or csc.get("privileged"):
                r.fail(cw, "no privileges or added capabilities")
            if csc.get("runAsUser") == 0 or csc.get("runAsNonRoot") is False:
                r.fail(cw, "runs as root")
            image = c.get("image") or ""
            if "@sha256:" not in image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
                r.fail(cw, f"image {image!r} needs a version tag or digest, not latest")
            tmp = [m for m in c.get("volumeMounts") or []
                   if m.get("mountPath") == "/tmp" and "emptyDir" in volumes.get(m.get("name"), {})]
            if not tmp:
                r.fail(cw, "no emptyDir mounted at /tmp (the only place the JVM and Quarkus write)")
            res = c.get("resources") or {}
            for part, keys in (("requests", ("cpu", "memory")), ("limits", ("memory",))):
                for k in keys:
                    if k not in (res.get(part) or {}):
                        r.fail(cw, f"resources.{part}.{k} missing")
            mport = ports.get("management")
            if mport is None:
                r.fail(cw, "no container port named management")
            else:
                management_port = mport
                if (env.get("MANAGEMENT_PORT") or {}).get("value") != str(mport):
                    r.fail(cw, f"MANAGEMENT_PORT must be {mport}, the management containerPort")
            if "http" in ports and (env.get("HTTP_PORT") or {}).get("value") != str(ports["http"]):
                r.fail(cw, f"HTTP_PORT must be {ports['http']}, the http containerPort")
            for probe, path in HEALTH_PATHS.items():
                get = (c.get(probe) or {}).get("httpGet") or {}
                if get.get("path") != path or get.get("port") not in ("management", mport):
                    r.fail(cw, f"{probe} must be httpGet {path} on the management port")
            stop = ((c.get("lifecycle") or {}).get("preStop")) or {}
            sleep = (stop.get("sleep") or {}).get("seconds")
            command = (stop.get("exec") or {}).get("command") or []
            if sleep is None and len(command) == 2 and command[0] == "sleep" and command[1].isdigit():
                sleep = int(command[1])
            if sleep is None or not 1 <= sleep <= 15:
                r.fail(cw, "lifecycle.preStop must sleep 1 to 15 s, so the endpoints drop the pod before SIGTERM")
            grace = pod.get("terminationGracePeriodSeconds", 30)
            if sleep is not None and grace < sleep + SHUTDOWN_SECONDS + GRACE_MARGIN_SECONDS:
                r.fail(where, f"terminationGracePeriodSeconds {grace} < preStop {sleep} s + shutdown "
                              f"{SHUTDOWN_SECONDS} s + {GRACE_MARGIN_SECONDS} s")
            # What the container gets: every reference resolves, secrets only from a Secret.
            provided = set(env)
            for e in env.values():
                ref = e.get("valueFrom") or {}
                for kind, store in (("configMapKeyRef", configmaps), ("secretKeyRef", secrets)):
                    if kind in ref and not ref[kind].get("optional"):
                        obj, key = ref[kind].get("name"), ref[kind].get("key")
                        if obj not in store or key not in store[obj]:
                            r.fail(cw, f"env {e['name']}: {kind} {obj}/{key} does not exist")
                if SECRET_NAME.search(e["name"]) and "value" in e and literal(e["value"]):
                    r.fail(cw, f"env {e['name']} has a literal value; take it from the Secret")
                if SECRET_NAME.search(e["name"]) and "configMapKeyRef" in ref:
                    r.fail(cw, f"env {e['name']} comes from a ConfigMap; take it from the Secret")
            for src in c.get("envFrom") or []:
                if "configMapRef" in src:
                    cm = src["configMapRef"].get("name")
                    if cm not in configmaps:
                        r.fail(cw, f"envFrom ConfigMap {cm} does not exist")
                    else:
                        provided |= set(configmaps[cm])
                        secretish = sorted(k for k in configmaps[cm] if SECRET_NAME.search(k))
                        if secretish:
                            r.fail(f"ConfigMap/{cm}", f"secret settings belong in the Secret: {', '.join(secretish)}")
                if "secretRef" in src:
                    provided |= set(secrets.get(src["secretRef"].get("name"), {}))
            if c.get("name") in variables:
                missing = [v for v in deploy_time(variables[c["name"]]) if v not in provided]
                if missing:
                    r.fail(cw, f"settings the service reads are not wired: {', '.join(missing)}")
        if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/path") != "/q/metrics" \
                or annotations.get("prometheus.io/port") != str(management_port):
            r.fail(where, f"pod annotations prometheus.io/scrape \"true\", port \"{management_port}\", path /q/metrics")
        pdbs = [p for p in by_kind.get("PodDisruptionBudget", [])
                if matches(((p.get("spec") or {}).get("selector") or {}).get("matchLabels"), labels)]
        if len(pdbs) != 1:
            r.fail(where, f"{len(pdbs)} PodDisruptionBudgets select its pods; one is needed")
        else:
            ps = pdbs[0]["spec"]
            if not ((isinstance(ps.get("minAvailable"), int) and 1 <= ps["minAvailable"] < replicas)
                    or ps.get("maxUnavailable") == 1):
                r.fail(f"PodDisruptionBudget/{pdbs[0]['metadata']['name']}",
                       f"minAvailable must be 1 to {replicas - 1} (or maxUnavailable 1) for {replicas} replicas")
        reach = [s for s in by_kind.get("Service", [])
                 if matches((s.get("spec") or {}).get("selector"), labels)
                 and any(p.get("targetPort") in ("management", management_port) for p in s["spec"].get("ports") or [])]
        if not reach:
            r.fail(where, "no Service exposes its management port (port targeting `management`) for scrapers")
        if len(r.failures) == before:
            fit += 1
    return {"objects": len(docs), "deployments": len(by_kind.get("Deployment", [])), "fit": fit}


# ------------------------------------------------------------------ compose

def check_compose(root, r):
    path = os.path.join(root, "deploy/compose/compose.yaml")
    where = "deploy/compose/compose.yaml"
    try:
        compose = yaml.safe_load(open(path, encoding="utf-8"))
    except yaml.YAMLError as e:
        r.fail(where, f"does not parse: {e}")
        return 0
    variables = variables_read(root)
    ok = 0
    for name in SERVICES:
        before = len(r.failures)
        s = (compose.get("services") or {}).get(name)
        sw = f"{where} {name}"
        if s is None:
            r.fail(sw, "missing")
            continue
        user = str(s.get("user", ""))
        if not user or user.split(":")[0] in ("0", "root"):
            r.fail(sw, "user must be the image's non-root user (uid:gid)")
        if s.get("read_only") is not True:
            r.fail(sw, "read_only must be true")
        tmpfs = s.get("tmpfs") or []
        tmpfs = [tmpfs] if isinstance(tmpfs, str) else tmpfs
        if not any(t.split(":")[0] == "/tmp" for t in tmpfs):
            r.fail(sw, "tmpfs must include /tmp")
        env = s.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
        mport = str(env.get("MANAGEMENT_PORT", ""))
        test = " ".join((s.get("healthcheck") or {}).get("test") or [])
        if not mport or mport not in test or "/q/health" not in test:
            r.fail(sw, "healthcheck must ask /q/health on the management port (MANAGEMENT_PORT)")
        missing = [v for v in deploy_time(variables[name]) if v not in env]
        if missing:
            r.fail(sw, f"settings the service reads are not wired: {', '.join(missing)}")
        if len(r.failures) == before:
            ok += 1
    return ok


# ------------------------------------------------------------------ secrets

def load_exceptions(path):
    """[(path glob, {values})] from deploy/checks/secret-exceptions.txt."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].split()
        if line:
            out.append((line[0], set(line[1:])))
    return out


def git(root, *args):
    return subprocess.run(["git", "-C", root, *args], capture_output=True)


def in_git(root):
    return shutil.which("git") is not None and git(root, "rev-parse", "--is-inside-work-tree").returncode == 0


def tracked_files(root):
    """Files under deploy/ that git tracks or would add (ignored ones, like secrets.env, are not)."""
    if in_git(root):
        out = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "deploy").stdout.decode()
        return sorted({f for f in out.split("\0") if f and os.path.isfile(os.path.join(root, f))})
    # Not a git checkout (an unpacked archive): every file but the state folder and the real secrets.
    files = []
    for d, dirs, names in os.walk(os.path.join(root, "deploy")):
        dirs[:] = [x for x in dirs if x != ".state"]
        files += [os.path.relpath(os.path.join(d, n), root) for n in names if n != "secrets.env"]
    return sorted(files)


def findings_structured(node, path=""):
    """(place, key, value) of secret-looking values in parsed YAML or JSON."""
    if isinstance(node, dict):
        if node.get("kind") == "Secret" and (node.get("data") or node.get("stringData")):
            yield path, "Secret", "data or stringData"
        if str(node.get("type", "")).lower() == "password" and literal(node.get("value")):
            yield path, "credential", node["value"]
        name = node.get("name")
        if isinstance(name, str) and SECRET_NAME.search(name) and literal(node.get("value")):
            yield path, name, node["value"]
        for k, v in node.items():
            if isinstance(k, str) and SECRET_NAME.search(k) and literal(v):
                yield path, k, v
            yield from findings_structured(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, str):
                for m in ASSIGNMENT.finditer(v):
                    if SECRET_NAME.search(m.group("key")) and literal(m.group("val")):
                        yield f"{path}[{i}]", m.group("key"), m.group("val").strip("\"'")
            yield from findings_structured(v, f"{path}[{i}]")


def findings_text(text):
    for n, line in enumerate(text.splitlines(), 1):
        for pattern in (ASSIGNMENT, JSON_PAIR):
            for m in pattern.finditer(line):
                if SECRET_NAME.search(m.group("key")) and literal(m.group("val")):
                    yield f"line {n}", m.group("key"), m.group("val").strip("\"'")


def check_secrets(root, r):
    exceptions = load_exceptions(os.path.join(root, "deploy/checks/secret-exceptions.txt"))
    used = set()
    files = tracked_files(root)
    excepted = 0
    for f in files:
        try:
            text = open(os.path.join(root, f), encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        for what, shape in SECRET_SHAPES:
            if shape.search(text):
                r.fail(f, f"holds {what}")
        found = []
        if f.endswith((".yaml", ".yml", ".json")):
            try:
                docs = list(yaml.safe_load_all(text)) if not f.endswith(".json") else [json.loads(text)]
            except (yaml.YAMLError, ValueError) as e:
                r.fail(f, f"does not parse: {str(e).splitlines()[0]}")
                docs = []
            for doc in docs:
                found += list(findings_structured(doc))
        else:
            found = list(findings_text(text))
        for place, key, value in found:
            if key == "Secret":
                r.fail(f, f"{place or 'a document'} is a Secret with {value}: generate it from secrets.env instead")
                continue
            allowed = [i for i, (glob, values) in enumerate(exceptions) if fnmatch.fnmatch(f, glob) and value in values]
            if allowed:
                used.add((allowed[0], value))
                excepted += 1
            else:
                r.fail(f, f"{place}: {key} has a literal value (not a local demo default listed in "
                          "deploy/checks/secret-exceptions.txt); take it from the environment or a Secret")
    for i, (glob, values) in enumerate(exceptions):
        for v in sorted(values):
            if (i, v) not in used:
                r.note(f"exception {glob} {v} matched nothing (deploy/checks/secret-exceptions.txt)")

    secrets_env = "deploy/k8s/secrets.env"
    if in_git(root):
        if git(root, "ls-files", "--error-unmatch", secrets_env).returncode == 0:
            r.fail(secrets_env, "is tracked by git; `git rm --cached` it (it holds the real secrets)")
        if git(root, "check-ignore", "-q", secrets_env).returncode != 0:
            r.fail(".gitignore", f"{secrets_env} must be ignored")
    real = os.path.join(root, secrets_env)
    if os.path.exists(real):
        def keys(p):
            return {line.split("=", 1)[0].strip() for line in open(p, encoding="utf-8")
                    if "=" in line and not line.lstrip().startswith("#")}
        missing = sorted(keys(os.path.join(root, "deploy/k8s/secrets.env.example")) - keys(real))
        if missing:
            r.fail(secrets_env, f"lacks keys of secrets.env.example: {', '.join(missing)}")
    return len(files), excepted


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--rendered")
    ap.add_argument("--json-out")
    a = ap.parse_args()
    r = Report()
    parts = []
    if a.rendered:
        docs = [d for d in yaml.safe_load_all(open(a.rendered, encoding="utf-8")) if d]
        if a.json_out:
            with open(a.json_out, "w", encoding="utf-8") as out:
                json.dump(docs, out)
        k = check_rendered(docs, a.root, r)
        parts.append(f"{k['objects']} objects rendered, {k['fit']} of {k['deployments']} Deployments fit for production")
    parts.append(f"compose: {check_compose(a.root, r)} of {len(SERVICES)} services")
    files, excepted = check_secrets(a.root, r)
    parts.append(f"{'secret scan of' if r.failures else 'no secret in'} {files} files under deploy/ "
                 f"({excepted} local demo defaults excepted)")
    for line in r.failures + r.notes:
        print(line)
    print("SUMMARY: " + "; ".join(parts))
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
