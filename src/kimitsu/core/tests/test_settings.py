"""Production refuses a missing secret key and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

KIMITSU = str(Path(sys.executable).parent / "kimitsu")


def _run(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIMITSU_")}
    env.pop("DATABASE_URL", None)
    # set in this process by the browser tests' fixture; a deployment never has it (async.E001)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(env_extra)
    return subprocess.run([KIMITSU, *args], env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_a_missing_secret_key(tmp_path):
    result = _run({"KIMITSU_ENV": "production", "KIMITSU_DATA_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "KIMITSU_SECRET_KEY" in result.stderr


def test_production_passes_check_deploy(tmp_path):
    result = _run(
        {
            "KIMITSU_ENV": "production",
            "KIMITSU_DATA_DIR": str(tmp_path),
            "KIMITSU_SECRET_KEY": "k3Y-q9Zr7w2Lp5Tn8Vb4Xc6Md1Hs0Gf3Je5Ua7Oi9Rt2Ey8Wq4Pn6",
            "KIMITSU_ALLOWED_HOSTS": "kimitsu.example.jp",
        },
        "check",
        "--deploy",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "security." not in output, output  # no deployment security warning at all
