#!/usr/bin/env python3
"""Audits the bundled example site as examples/run-demo.sh does, then looks at
the reports the way a reader would: report.html screenshotted by headless
Chromium, report.pdf rasterised by pdftoppm and read back by pdftotext and
pdfinfo. The PNGs are kept in --out for a human to look at.

Exit 0: every check passed; 1: a check failed; 77: a program is missing and
this is not CI (in CI a missing program is a failure).
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
PROGRAMS = ["chromium", "pdftoppm", "pdftotext", "pdfinfo"]
# Captures run-demo.sh passes, in its order.
DEMO_CAPTURES = ["tls10-openssl.pcap", "tls13-openssl.pcap", "sip-udp-sipp.pcap", "sip-udp-sdes.pcap",
                 "http-basic-curl.pcap", "sip-register-kamailio.pcap"]
# A page image counts as blank below this share of non-white pixels.
MIN_INK_SHARE = 0.002
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 300), **kw)


def ink_share(png, box=None):
    """Share of pixels that are not (near) white, optionally inside box=(left, top, right, bottom) in 0..1."""
    from PIL import Image
    img = Image.open(png).convert("L")
    if box:
        w, h = img.size
        img = img.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    hist = img.histogram()
    total = sum(hist)
    return sum(hist[:240]) / total if total else 0.0


def site_name(source):
    with open(os.path.join(source, "examples", "site.yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^name:\s*"(.*)"\s*$', line)
            if m:
                return m.group(1)
    return None


def squash(text):
    return re.sub(r"\s+", " ", text)


def audit(vcaudit, source, work):
    keys = os.path.join(work, "demo-keys")
    r = run([vcaudit, "keys", "init", "--key", os.path.join(keys, "demo-key.pem"), "--cert",
             os.path.join(keys, "demo-cert.pem"), "--cn", "vcaudit DEMO key - not for real audits", "--days", "365"])
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        sys.exit("vcaudit keys init failed")
    out = os.path.join(work, "report")
    cmd = [vcaudit, "audit", "--site", os.path.join(source, "examples", "site.yaml")]
    for c in DEMO_CAPTURES:
        cmd += ["--pcap", os.path.join(source, "examples", "captures", c)]
    cmd += ["--key", os.path.join(keys, "demo-key.pem"), "--cert", os.path.join(keys, "demo-cert.pem"), "--out", out]
    r = run(cmd)
    # 0 = nothing failed, 1 = failed rules (the example site is meant to fail some).
    if r.returncode > 1:
        print(r.stdout, r.stderr)
        sys.exit(f"vcaudit audit failed (exit {r.returncode})")
    return out


def check_html(report, out, work):
    html_path = os.path.join(report, "report.html")
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    check("<script" not in html, "report.html has no script")
    check(html.count("<svg") == 3, "report.html has its three inline SVG charts")
    png = os.path.join(out, "report-html.png")
    profile = os.path.join(work, "chromium-profile")
    r = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1240,3000",
             "file://" + os.path.abspath(html_path)], timeout=180)
    check(os.path.isfile(png), "chromium wrote a screenshot of report.html")
    if not os.path.isfile(png):
        print(r.stdout[-2000:], r.stderr[-2000:])
        return
    share = ink_share(png)
    check(share > MIN_INK_SHARE, f"report.html screenshot is not blank (ink {share:.3f})")
    print("     " + png)


def check_pdf(report, out, json_sha, name):
    pdf = os.path.join(report, "report.pdf")
    check(os.path.isfile(pdf), "report.pdf written")
    if not os.path.isfile(pdf):
        return
    info = run(["pdfinfo", pdf]).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    check(size is not None and round(float(size.group(1))) == 595 and round(float(size.group(2))) == 842,
          "report.pdf is A4 (595 x 842 pt): " + (size.group(0) if size else "no page size"))
    check(pages >= 2, f"report.pdf has at least 2 pages ({pages})")

    text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
    flat = squash(text)
    for s in ["Kết luận", "Những việc cần khắc phục trước", "Phụ lục kỹ thuật", "Trang 1/" + str(pages),
              "Page 1/" + str(pages), "Thông tư 12/2022/TT-BTTTT"]:
        check(s in flat, f"report.pdf text has {s!r}")
    check(name is not None and squash(name) in flat, f"report.pdf names the site {name!r}")
    for n in range(1, pages + 1):
        page = squash(run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), pdf, "-"]).stdout)
        check(json_sha in page.replace(" ", ""), f"page {n} footer has the report.json SHA-256")
        check(f"Trang {n}/{pages}" in page, f"page {n} is numbered Trang {n}/{pages}")

    prefix = os.path.join(out, "report-pdf")
    run(["pdftoppm", "-png", "-r", "60", pdf, prefix])
    pngs = sorted((p for p in os.listdir(out) if p.startswith("report-pdf") and p.endswith(".png")),
                  key=lambda p: int(re.search(r"-(\d+)\.png$", p).group(1)))
    check(len(pngs) == pages, f"pdftoppm made one PNG per page ({len(pngs)})")
    for p in pngs:
        path = os.path.join(out, p)
        # The body, between the running header and the footer, must carry something.
        body = ink_share(path, (0.05, 0.07, 0.95, 0.93))
        check(body > MIN_INK_SHARE, f"{p}: page body is not blank (ink {body:.3f})")
        print("     " + path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    try:
        import PIL  # noqa: F401
    except ImportError:
        missing.append("python3-pil")
    if missing:
        print("missing: " + ", ".join(missing) + " (.ci/install-deps test installs them)")
        return 1 if os.environ.get("CI") else SKIP

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    with tempfile.TemporaryDirectory(prefix="vcaudit-render-") as work:
        report = audit(args.vcaudit, args.source, work)
        with open(os.path.join(report, "report.json"), "rb") as f:
            json_sha = hashlib.sha256(f.read()).hexdigest()
        with open(os.path.join(report, "manifest.json"), encoding="utf-8") as f:
            manifest = f.read()
        with open(os.path.join(report, "report.pdf"), "rb") as f:
            pdf_sha = hashlib.sha256(f.read()).hexdigest()
        check(pdf_sha in manifest and "report.pdf" in manifest, "manifest.json lists report.pdf with its SHA-256")
        for name in ("report.html", "report.pdf", "report.json"):
            shutil.copy(os.path.join(report, name), os.path.join(args.out, name))
        check_html(report, args.out, work)
        check_pdf(report, args.out, json_sha, site_name(args.source))
    print(f"{len(failures)} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
