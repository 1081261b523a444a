"""`s11 batch --cluster` on a 2-worker LocalCluster (processes): the same results as the
embedded pool, per-file limits that never cost a worker, resume after a killed driver or a
lost worker, and one line with exit 2 when the cluster cannot run the batch."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from app.batch.cluster_options import ClusterOptions
from app.batch.runner import run_batch_command
from app.batch.settings import ClusterSettings
from tests.procs import TAG, kill_leftovers, tagged_env, wait_until_gone
from tests.test_batch import files, rows

FAKE = "tests.fake_extract:extract"
ROOT = Path(__file__).resolve().parents[1]
# Fake readers need no warm-up; connecting to a scheduler that is not there gives up soon.
QUICK = ClusterSettings(warm_up=False, connect_seconds=3)


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, tagged so that none of their reader children
    may outlive the module."""
    env, tag = tagged_env()
    os.environ[TAG] = env[TAG]
    try:
        with (
            dask.config.set({"distributed.scheduler.allowed-failures": 0}),
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as local,
        ):
            yield local
        assert [p for p in wait_until_gone(tag, 10) if not _resource_tracker(p)] == []
    finally:
        os.environ.pop(TAG, None)
        kill_leftovers(tag)


def _resource_tracker(pid: int) -> bool:
    """multiprocessing's tracker of this test process (it lives as long as pytest)."""
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True


def on(cluster: LocalCluster, settings: ClusterSettings = QUICK, **kw: object) -> ClusterOptions:
    return ClusterOptions(address=cluster.scheduler_address, settings=settings, **kw)  # type: ignore[arg-type]


def worker_pids(cluster: LocalCluster) -> dict[str, int]:
    with Client(cluster) as client:
        return dict(client.run(os.getpid))


STORED = (
    "SELECT sha256, path, size, status, reason, toolkit, organisation, score, grade, json_name"
    " FROM files ORDER BY sha256"
)
GAPS = "SELECT * FROM gaps ORDER BY sha256, position"


def test_samples_read_on_the_cluster_equal_the_embedded_run(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for sample in (
        "word/bscb2016-youth-service-content-controls.docx",
        "excel/bscb2016-school-pattern-fills.xlsx",
        "pdf/est2014-southend-summary-export.pdf",
    ):
        shutil.copy(ROOT / "samples" / sample, inbox)
    here, there = tmp_path / "embedded", tmp_path / "cluster"
    assert run_batch_command([inbox], here, 1, False, 600, 1024, False) == 0
    settings = ClusterSettings(connect_seconds=10)  # real readers, warmed before their first file
    assert run_batch_command([inbox], there, None, False, 600, 1024, False, cluster=on(cluster, settings)) == 0
    names = sorted(p.name for p in (here / "results").iterdir())
    assert names == sorted(p.name for p in (there / "results").iterdir())
    assert len(names) == 3
    for name in names:
        assert (here / "results" / name).read_bytes() == (there / "results" / name).read_bytes()
    assert rows(here / "s11.db", STORED) == rows(there / "s11.db", STORED)
    assert rows(here / "s11.db", GAPS) == rows(there / "s11.db", GAPS)
    assert (there / "gaps.xlsx").exists()
    assert (there / "summary.md").exists()


def test_hanging_crashing_and_hungry_files_cost_no_worker(
    cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = files(
        tmp_path / "in",
        {"good.docx": "Org A", "hang.docx": "h", "crash.docx": "c", "bomb.xlsx": "b", "bad.docx": "x"},
    )
    before = worker_pids(cluster)
    out = tmp_path / "out"
    started = time.monotonic()
    code = run_batch_command([inbox], out, None, False, 5.0, 300, False, FAKE, on(cluster))
    assert time.monotonic() - started < 180  # a hanging file sleeps an hour: it was cut off
    assert code == 1
    reasons = {Path(str(p)).name: r for p, r in rows(out / "s11.db", "SELECT path, reason FROM files WHERE status = 'failed'")}
    assert reasons == {
        "hang.docx": "timed out after 5 s",
        "crash.docx": "the reader was killed (signal 11); it may have run out of memory",
        "bomb.xlsx": "ran out of memory (limit 300 MB)",
        "bad.docx": "bad.docx: damaged Word file (test)",
    }
    assert [p.name for p in (out / "results").iterdir()] == ["good.docx.json"]
    table = capsys.readouterr().out
    for line in ("failed: timeout", "failed: memory", "failed: error", "ok  "):
        assert line in table
    assert worker_pids(cluster) == before


def test_the_users_toolkit_folders_reach_the_workers(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    from mappings.toolkits import use_folders
    from tests.toolkit_env import clean_toolkit_env

    folder = tmp_path / "kits"
    folder.mkdir()
    shutil.copy(ROOT / "mappings" / "toolkits" / "wt2023.yaml", folder / "ourboard.yaml")
    (folder / "ourboard.yaml").write_text(
        (folder / "ourboard.yaml").read_text(encoding="utf-8").replace("id: wt2023", "id: ourboard"),
        encoding="utf-8",
    )
    inbox = files(tmp_path / "in", {"toolkits.docx": ""})
    with clean_toolkit_env():
        use_folders([folder])
        code = run_batch_command([inbox], tmp_path / "out", None, False, 30, 1024, False, FAKE, on(cluster))
    assert code == 0
    assert rows(tmp_path / "out" / "s11.db", "SELECT organisation FROM files") == [("ourboard.yaml",)]


def test_killed_driver_resumes_with_the_rest_only(cluster: LocalCluster, tmp_path: Path) -> None:
    inbox = files(tmp_path / "in", {f"slow{n:02}.docx": f"Org {n}" for n in range(12)})
    out = tmp_path / "out"
    script = (
        "import sys; from pathlib import Path; from app.batch.runner import run_batch_command;"
        "from app.batch.cluster_options import ClusterOptions;"
        "from app.batch.settings import ClusterSettings;"
        f"options = ClusterOptions({cluster.scheduler_address!r}, settings=ClusterSettings(warm_up=False));"
        f"sys.exit(run_batch_command([Path({str(inbox)!r})], Path({str(out)!r}), None, True, 30,"
        f" 1024, False, {FAKE!r}, options))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    driver = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    results = out / "results"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(results.glob("*.json"))) < 3:
        time.sleep(0.05)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    assert 3 <= len(list(results.glob("*.json"))) < 12
    # The store is the record: a result written just before the kill, its row not yet
    # committed, is read again (never twice in the store).
    stored = rows(out / "s11.db", "SELECT count(*) FROM files WHERE status = 'ok'")[0][0]
    rerun = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert re.search(rf"unchanged, skipped\s+{stored}\n", rerun.stdout)
    assert re.search(rf"ok\s+{12 - stored}\n", rerun.stdout)
    assert len(list(results.glob("*.json"))) == 12
    assert rows(out / "s11.db", "SELECT count(*), count(DISTINCT sha256) FROM files") == [(12, 12)]
    assert rows(out / "s11.db", "SELECT count(*) FROM gaps") == [(12,)]


def test_a_lost_worker_is_recorded_and_retried(
    cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = files(tmp_path / "in", {"lose-worker.docx": "Org L", "good.docx": "Org G"})
    out = tmp_path / "out"
    assert run_batch_command([inbox], out, None, False, 30, 1024, False, FAKE, on(cluster)) == 1
    reason = rows(out / "s11.db", "SELECT reason FROM files WHERE status = 'failed'")
    assert len(reason) == 1
    assert re.fullmatch(r"worker lost \(tcp://127\.0\.0\.1:\d+\)", str(reason[0][0]))
    assert re.search(r"failed: worker lost\s+1\n", capsys.readouterr().out)
    with Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
    assert run_batch_command([inbox], out, None, True, 30, 1024, False, FAKE, on(cluster)) == 0
    assert re.search(r"ok\s+1\n", capsys.readouterr().out)
    assert rows(out / "s11.db", "SELECT status, count(*) FROM files GROUP BY status") == [("ok", 2)]


def test_a_cluster_that_cannot_run_the_batch_is_one_line_and_exit_2(
    cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = files(tmp_path / "in", {"a.docx": "Org A"})
    nowhere = ClusterOptions(address="tcp://127.0.0.1:9", settings=QUICK)
    assert run_batch_command([inbox], tmp_path / "o1", None, False, 30, 1024, False, FAKE, nowhere) == 2
    err = capsys.readouterr().err
    assert err.startswith("s11 batch: cannot reach the scheduler at tcp://127.0.0.1:9 (")
    assert err.count("\n") == 1
    unseen = on(cluster, path_map=((inbox, "/nowhere/returns"),))
    assert run_batch_command([inbox], tmp_path / "o2", None, False, 30, 1024, False, FAKE, unseen) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(
        r"s11 batch: worker tcp://\S+ cannot read /nowhere/returns: put the returns on storage "
        r"every worker mounts, or map it with --path-map LOCAL=REMOTE\n",
        err,
    )
    assert not (tmp_path / "o2" / "s11.db").exists()


def test_a_worker_running_other_s11_code_is_refused(
    cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.batch import cluster as driver

    monkeypatch.setattr(
        driver, "fingerprint", lambda: {"s11": "0.0.1", "code": "0" * 12, "toolkits": "1" * 12}
    )
    inbox = files(tmp_path / "in", {"a.docx": "Org A"})
    assert run_batch_command([inbox], tmp_path / "out", None, False, 30, 1024, False, FAKE, on(cluster)) == 2
    assert re.fullmatch(
        r"s11 batch: worker tcp://\S+ runs s11 \S+ \(reading code [0-9a-f]{12}, toolkits [0-9a-f]{12}\), "
        r"this machine s11 0\.0\.1 \(reading code 000000000000, toolkits 111111111111\): "
        r"install the same s11 on every worker\n",
        capsys.readouterr().err,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cluster", "nowhere"], "s11 batch: --cluster nowhere: expected tcp://host:port, tls://host:port or local:N\n"),
        (["--cluster", "tls://h:8786"], "s11 batch: --cluster tls://h:8786 needs --cluster-tls CA,CERT,KEY\n"),
        (["--cluster", "local:0"], "s11 batch: --cluster local:0: local:N needs N ≥ 1 workers\n"),
        (["--path-map", "/a=/b"], "s11 batch: --cluster-tls and --path-map need --cluster\n"),
        (["--cluster", "local:2", "--workers", "2"], "s11 batch: --workers is for this machine's pool; with --cluster use local:N\n"),
    ],
)
def test_cluster_options_are_checked_before_connecting(
    tmp_path: Path, args: list[str], message: str
) -> None:
    from typer.testing import CliRunner

    from app.cli import app

    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "out"), *args])
    assert (result.exit_code, result.output) == (2, message)


def test_without_cluster_nothing_imports_dask(tmp_path: Path) -> None:
    inbox = files(tmp_path / "in", {"a.docx": "Org A"})
    script = (
        "import sys; from pathlib import Path; import app.cli;"
        "from app.batch.runner import run_batch_command;"
        f"code = run_batch_command([Path({str(inbox)!r})], Path({str(tmp_path / 'out')!r}), 1, False,"
        f" 30, 1024, False, extract_ref={FAKE!r});"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'});"
        "print(code, loaded)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


def test_the_longest_returns_go_first_scans_by_page_count(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    from app.batch.cost import estimated_seconds, pdf_pages, tiff_pages

    pages = [Image.new("L", (40, 40), shade) for shade in (0, 80, 160, 200, 255)]
    scan = tmp_path / "scan.tif"
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    assert tiff_pages(scan) == 5
    loop = tmp_path / "loop.tif"  # one image directory pointing back at itself
    loop.write_bytes(b"II*\x00\x08\x00\x00\x00" + b"\x00\x00" + b"\x08\x00\x00\x00")
    assert tiff_pages(loop) == 1
    text = tmp_path / "text.pdf"
    canvas = Canvas(str(text))
    for n in range(3):
        canvas.drawString(72, 72, f"page {n}")
        canvas.showPage()
    canvas.save()
    assert pdf_pages(text) == (3, False)
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Subtype /Image >>\n")
    assert pdf_pages(scanned) == (1, True)
    word = files(tmp_path, {"a.docx": "x"}) / "a.docx"
    assert estimated_seconds(scan) > estimated_seconds(scanned) > estimated_seconds(text) > 0
    assert estimated_seconds(text) > estimated_seconds(word) > 0


def test_path_map_takes_the_longest_prefix(tmp_path: Path) -> None:
    options = ClusterOptions(
        "tcp://h:8786", path_map=((Path("/data"), "/mnt/a"), (Path("/data/returns"), "/mnt/b/"))
    )
    assert options.remote(Path("/data/returns/x/y.pdf")) == "/mnt/b/x/y.pdf"
    assert options.remote(Path("/data/other.pdf")) == "/mnt/a/other.pdf"
    assert options.remote(Path("/data")) == "/mnt/a"
    assert options.remote(Path("/elsewhere/z.pdf")) == "/elsewhere/z.pdf"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate (its own CA) for 127.0.0.1 and its key, as PEM files."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "s11 test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_a_tls_scheduler_is_reached_with_cluster_tls(tmp_path: Path) -> None:
    from distributed.security import Security

    cert, key = _self_signed(tmp_path)
    parties = ("scheduler", "worker", "client")
    security = Security(
        tls_ca_file=str(cert),
        **{f"tls_{p}_cert": str(cert) for p in parties},
        **{f"tls_{p}_key": str(key) for p in parties},
        require_encryption=True,
    )
    inbox = files(tmp_path / "in", {"a.docx": "Org A"})
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        protocol="tls://",
        security=security,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as local:
        assert local.scheduler_address.startswith("tls://")
        options = ClusterOptions(local.scheduler_address, tls=(cert, cert, key), settings=QUICK)
        code = run_batch_command([inbox], tmp_path / "out", None, False, 30, 1024, False, FAKE, options)
    assert code == 0
    assert rows(tmp_path / "out" / "s11.db", "SELECT status, organisation FROM files") == [("ok", "Org A")]
