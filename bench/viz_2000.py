"""Make a synthetic graph of about 2,000 entities, render it with `kg viz`, and (when
Chromium is installed) load it headless, time until it is drawn and take screenshots.

    python3 bench/viz_2000.py [--nodes 2000] [--out /tmp/viz2000] [--screenshot]

The names are random syllables in the shape of Chinese organisation names; the graph
follows kg/ns.py (entities, direct relations, rdf:Statement evidence, articles).
Screenshots use the DevTools pipe (--remote-debugging-pipe), because `--screenshot`
resizes the viewport at capture time without letting the canvas redraw.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.viz import write_html

KGR = "https://w3id.org/kgnews/resource/"
SYL = "华星海川南岭青禾启明东湖珠江长江中科天瑞博远恒通新源宏达金石云帆蓝海安泰盛和润丰"
INDUSTRY = ["科技", "智能", "新材料", "生物医药", "半导体", "能源", "电子", "数据", "机器人", "储能"]
COMPANY_SUFFIX = ["有限公司", "股份有限公司", "集团"]
INST = [("University", "大学"), ("ResearchInstitute", "研究院"), ("Laboratory", "实验室"),
        ("GovernmentAgency", "科学技术局"), ("Hospital", "人民医院"), ("Association", "产业协会")]
PROJECT = ["中试线", "产业园", "创新平台", "示范工程", "数据中心", "研发基地"]
SURNAME = "李王张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
GIVEN = "明华静远思宁晨阳文博雅婷志强海峰丽娜建国"


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def synthetic_ttl(n_nodes: int, seed: int = 7) -> str:
    """Turtle of a graph with about n_nodes entities (regions, orgs, projects, people ...)."""
    rnd = random.Random(seed)
    names: set[str] = set()

    def name(make) -> str:
        for _ in range(1000):
            n = make()
            if n not in names:
                names.add(n)
                return n
        raise RuntimeError("names exhausted")

    core = lambda k=2: "".join(rnd.choice(SYL) for _ in range(k))
    ents: list[tuple[str, str, str]] = []  # key, class, label
    provinces = [(f"region/{110000 + i * 10000}", "Province", name(lambda: core() + "省")) for i in range(12)]
    cities = [(f"region/{110000 + (i % 12) * 10000 + (i // 12 + 1) * 100}", "City", name(lambda: core() + "市"))
              for i in range(max(12, n_nodes // 30))]
    counties = [(f"region/{c[0][7:11]}{j + 1:02d}", "County", name(lambda: core() + "区"))
                for c in cities for j in range(3)]
    regions = provinces + cities + counties
    ents += regions
    rest = n_nodes - len(ents)
    n_co, n_in, n_pr, n_pe = int(rest * 0.45), int(rest * 0.2), int(rest * 0.18), int(rest * 0.1)
    n_doc = n_ev = max(1, (rest - n_co - n_in - n_pr - n_pe) // 2)
    companies = [(f"company/c{i}", "Company", name(lambda: core() + rnd.choice(INDUSTRY) + rnd.choice(COMPANY_SUFFIX)))
                 for i in range(n_co)]
    insts = []
    for i in range(n_in):
        cls, suffix = rnd.choice(INST)
        insts.append((f"institution/i{i}", cls, name(lambda: core(rnd.choice((2, 3))) + suffix)))
    projects = [(f"project/p{i}", "Project", name(lambda: core() + rnd.choice(INDUSTRY) + rnd.choice(PROJECT)))
                for i in range(n_pr)]
    people = [(f"person/h{i}", "Person", name(lambda: rnd.choice(SURNAME) + "".join(rnd.sample(GIVEN, 2))))
              for i in range(n_pe)]
    docs = [(f"document/d{i}", "Document", name(lambda: core() + rnd.choice(INDUSTRY) + "产业发展行动方案"))
            for i in range(n_doc)]
    events = [(f"event/e{i}", "Event", name(lambda: f"第{rnd.randint(2, 9)}届{core()}{rnd.choice(INDUSTRY)}大会"))
              for i in range(n_ev)]
    ents += companies + insts + projects + people + docs + events
    orgs = companies + insts

    rels: list[tuple[str, str, str, bool]] = []  # s, p, o, has evidence
    for c in cities:
        rels.append((c[0], "partOf", "region/" + c[0][7:9] + "0000", False))
    for c in counties:
        rels.append((c[0], "partOf", "region/" + c[0][7:11] + "00", False))
    for o in orgs:
        rels.append((o[0], "locatedIn", rnd.choice(counties + cities)[0], True))
    for _ in range(len(orgs) // 2):
        a, b = rnd.sample(orgs, 2)
        rels.append((a[0], "cooperatesWith", b[0], True))
    for p in projects:
        rels.append((rnd.choice(orgs)[0], rnd.choice(("develops", "undertakes")), p[0], True))
        if rnd.random() < 0.4:
            rels.append((p[0], "locatedIn", rnd.choice(cities)[0], True))
    for _ in range(len(companies) // 5):
        rels.append((rnd.choice(companies)[0], "invests", rnd.choice(companies + projects)[0], True))
    for p in people:
        rels.append((p[0], "affiliatedWith", rnd.choice(orgs)[0], True))
    for d in docs:
        rels.append((rnd.choice(insts)[0], "publishes", d[0], True))
    for e in events:
        rels.append((e[0], "locatedIn", rnd.choice(cities)[0], True))

    label = {k: lab for k, _, lab in ents}
    zh = {"partOf": "隶属于", "locatedIn": "位于", "cooperatesWith": "与{o}开展合作", "develops": "研发",
          "undertakes": "承建", "invests": "投资", "affiliatedWith": "任职于", "publishes": "发布"}
    out = ["@prefix kg: <https://w3id.org/kgnews/ontology#> .",
           "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
           "@prefix dcterms: <http://purl.org/dc/terms/> .",
           "@prefix schema: <https://schema.org/> .",
           "@prefix prov: <http://www.w3.org/ns/prov#> ."]
    for key, cls, lab in ents:
        out.append(f"<{KGR}{key}> a kg:{cls} ; rdfs:label {_lit(lab)}@zh .")
        if cls == "Company" and rnd.random() < 0.5:
            out.append(f"<{KGR}{key}> skos:altLabel {_lit(lab[:4])}@zh .")
    n_articles = max(1, len(rels) // 8)
    mentioned: dict[int, set[str]] = {}
    for i, (s, p, o, evidence) in enumerate(rels):
        out.append(f"<{KGR}{s}> kg:{p} <{KGR}{o}> .")
        if not evidence:
            continue
        a = rnd.randrange(n_articles)
        mentioned.setdefault(a, set()).update((s, o))
        verb = zh[p]
        text = (f"{label[s]}{verb.format(o=label[o])}。" if "{o}" in verb else f"{label[s]}{verb}{label[o]}。")
        sent = f"<{KGR}article/n{a}#s{i}>"
        out.append(f"{sent} a kg:Sentence ; kg:text {_lit(text)} ; kg:startOffset {i * 30} ; "
                   f"dcterms:isPartOf <{KGR}article/n{a}> .")
        out.append(f"<{KGR}stmt/{i}> a rdf:Statement ; rdf:subject <{KGR}{s}> ; rdf:predicate kg:{p} ; "
                   f"rdf:object <{KGR}{o}> ; prov:wasDerivedFrom {sent} .")
    for a, keys in sorted(mentioned.items()):
        out.append(f"<{KGR}article/n{a}> a kg:NewsArticle ; dcterms:identifier \"n{a}\" .")
        for k in sorted(keys):
            out.append(f"<{KGR}article/n{a}> schema:mentions <{KGR}{k}> .")
    return "\n".join(out) + "\n"


class Chromium:
    """Headless Chromium driven over the DevTools pipe (fd 3 in, fd 4 out)."""

    def __init__(self, width: int, height: int) -> None:
        self.profile = tempfile.mkdtemp(prefix="kg-viz-chrome-")
        r_in, self._w_fd = os.pipe()
        self._r_fd, w_out = os.pipe()

        def child_fds() -> None:
            a, b = os.dup(r_in), os.dup(w_out)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={self.profile}",
             "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_in)
        os.close(w_out)
        self.width, self.height = width, height
        self.buf = b""
        self.msg_id = 0
        self.session: str | None = None

    def call(self, method: str, params: dict | None = None, browser: bool = False) -> dict:
        self.msg_id += 1
        msg: dict = {"id": self.msg_id, "method": method, "params": params or {}}
        if self.session and not browser:
            msg["sessionId"] = self.session
        os.write(self._w_fd, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self._r_fd, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def open(self, url: str) -> None:
        page = next(t for t in self.call("Target.getTargets", browser=True)["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                                 browser=True)["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.navigate", {"url": url})

    def eval(self, expr: str) -> object:
        res = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        return res["result"].get("value")

    def wait(self, expr: str, timeout: float = 300) -> float:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.eval(expr):
                return time.perf_counter() - t0
            time.sleep(0.1)
        raise TimeoutError(expr)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close", browser=True)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._w_fd)
        os.close(self._r_fd)
        shutil.rmtree(self.profile, ignore_errors=True)


def shoot(page: Path, out_dir: Path, stem: str, actions: list[str] = ()) -> dict[str, float]:
    """Load `page`, time until it is drawn, screenshot; then run each JS action and shoot again."""
    browser = Chromium(1400, 900)
    try:
        t0 = time.perf_counter()
        browser.open(page.resolve().as_uri())
        drawn = browser.wait("document.body && (document.body.getAttribute('data-drawn') === '1'"
                             " || document.body.hasAttribute('data-error'))")
        error = browser.eval("document.body.getAttribute('data-error')")
        time.sleep(0.5)
        browser.screenshot(out_dir / f"{stem}.png")
        for k, js in enumerate(actions, 1):
            browser.eval(js)
            time.sleep(1.0)
            browser.screenshot(out_dir / f"{stem}_{k}.png")
        return {"drawn_s": round(drawn, 2), "total_s": round(time.perf_counter() - t0, 2), "error": error}
    finally:
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "viz2000")
    ap.add_argument("--screenshot", action="store_true", help="load in headless Chromium and take screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    graph = args.out / "graph.ttl"
    graph.write_text(synthetic_ttl(args.nodes), encoding="utf-8")
    page = args.out / "graph.html"
    t0 = time.perf_counter()
    stats = write_html(graph, page, title=f"合成图谱 · {args.nodes} 个实体")
    render_s = time.perf_counter() - t0
    size_kb = page.stat().st_size / 1024
    print(f"graph: {graph} -> {page}: {stats.nodes} nodes, {stats.edges} edges, "
          f"{render_s:.1f} s to render, {size_kb:.0f} KB")
    if args.screenshot:
        if shutil.which("chromium") is None:
            print("chromium not installed: no screenshots", file=sys.stderr)
            return 1
        actions = [
            # search a company by name, which focuses and opens its panel
            "(function(){var d=JSON.parse(window['document'].getElementById('kg-data').textContent);"
            "var n=d.nodes.find(function(n){return n.top==='Company'});"
            "window['document'].getElementById('search').value=n.label;"
            "document.querySelector('#search-form button').click();})()",
            # the overview, then with companies filtered out
            "window['document'].getElementById('fit-all').click()",
            "document.querySelector('input[data-class=Company]').click()",
        ]
        result = shoot(page, args.out, "viz2000", actions)
        print(f"chromium: drawn after {result['drawn_s']} s; error: {result['error']}; "
              f"screenshots in {args.out}/viz2000*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
