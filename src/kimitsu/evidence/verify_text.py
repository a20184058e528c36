"""The texts that travel in an evidence pack so that it can be checked without kimitsu."""

from kimitsu.timestamps.models import Kind

KIND_JA = {
    Kind.VAULT: "証拠保管庫のファイル",
    Kind.DESIGNATION: "管理項目の区分の指定・変更",
    Kind.REGULATION: "情報管理規程の承認",
    Kind.RULE_SET: "取扱いルールの承認",
    Kind.PLEDGE: "署名済みの誓約書",
    Kind.ATTENDANCE: "研修の出席記録",
    Kind.ANCHOR: "監査ログのアンカー",
}

VERIFY_AUDIT_PY = '''#!/usr/bin/env python3
"""監査ログの抜粋（events.jsonl）を照合する。Python 3 の標準ライブラリだけで動く。

各記録のハッシュ = SHA-256(直前の記録のハッシュ + 改行 + 記録の内容(JSON)) を計算し直し、
記録されたハッシュと一致すること、そしてそのハッシュが TSA のタイムスタンプ付きアンカー
（documents/anchor-*.txt）に載っていることを確かめる。アンカー自体のトークンは VERIFY.md の
openssl コマンドで検証する。
"""
import glob
import hashlib
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
anchored = {}
for path in sorted(glob.glob(os.path.join(here, "..", "documents", "anchor-*.txt"))):
    with open(path, encoding="ascii") as handle:
        lines = handle.read().rstrip("\\n").split("\\n")
    for digest in lines[3:]:
        anchored[digest] = os.path.basename(path)
bad = 0
count = 0
with open(os.path.join(here, "events.jsonl"), encoding="utf-8") as handle:
    for line in handle:
        if not line.strip():
            continue
        count += 1
        event = json.loads(line)
        computed = hashlib.sha256((event["prev_hash"] + "\\n" + event["payload"]).encode("utf-8"))
        if computed.hexdigest() != event["hash"]:
            bad += 1
            print(f"NG  seq={event['seq']}: 内容がハッシュと一致しない")
        elif event["hash"] in anchored:
            print(f"OK  seq={event['seq']}: {anchored[event['hash']]} のアンカーで TSA が保証")
        else:
            print(f"OK  seq={event['seq']}: ハッシュは一致（まだアンカーされていない）")
print(f"{count}件中 {count - bad}件が一致")
sys.exit(1 if bad else 0)
'''


def command(stamp, token_name, document_name, untrusted: bool) -> str:
    tail = " -CAfile tsa-ca.pem" + (" -untrusted tsa-certs.pem" if untrusted else "")
    if stamp.document:
        return f"openssl ts -verify -token_in -in {token_name(stamp)} -data {document_name(stamp)}{tail}"
    return f"openssl ts -verify -token_in -in {token_name(stamp)} -digest {stamp.sha256}{tail}"


def verify_md(g, stamped, token_name, document_name) -> str:
    org = g.organization
    dev = any(s.development for s in stamped)
    lines = [
        "# 証拠パックの検証手順",
        "",
        f"このパックは {org.name} の営業秘密管理の記録（秘密としての指定、区分、アクセス制限、誓約書、"
        "研修、見直し、監査ログ）を、kimitsu を使わずに第三者が検証できるようにまとめたものです。"
        "必要なのは OpenSSL（1.1.1 以降）だけです。監査ログの照合には Python 3 も使えます。",
        "",
    ]
    if dev:
        lines += [
            "> **注意：このパックのタイムスタンプは開発用（証拠力なし）の TSA によるものです。**",
            "> kimitsu 自身の鍵で署名されており、時刻を第三者が保証するものではありません。",
            "",
        ]
    lines += [
        "## 1. 同梱物",
        "",
        "- `report.pdf` — 営業秘密管理の実施状況報告書",
        "- `manifest.json` — タイムスタンプを付けた全記録（種類、ID、SHA-256、トークン、TSA時刻）",
        "- `tokens/*.tst` — RFC 3161 のタイムスタンプトークン（DER 形式の TimeStampToken）",
        "- `documents/*` — kimitsu が作成し、そのままタイムスタンプを付けた記録（JSON、アンカーのハッシュ一覧）",
        "- `tsa-ca.pem` — TSA の信頼の起点となる認証局の証明書",
        "- `tsa-certs.pem` — トークンに含まれる TSA の証明書",
        "- `audit/` — 監査ログの抜粋（`chain.csv`、`events.jsonl`）と照合スクリプト `verify_audit.py`",
        "",
        "## 2. トークンを検証する",
        "",
        "各トークンについて、対象のデータ（またはその SHA-256）に TSA が署名したこと、TSA の証明書が",
        "`tsa-ca.pem` の認証局につながること、証明書がタイムスタンプ用（extended key usage: timeStamping）",
        "であることを OpenSSL が確かめます。パックを展開したフォルダで次のように実行します。",
        "",
        "```",
        "openssl ts -verify -token_in -in tokens/X.tst -digest <SHA-256> -CAfile tsa-ca.pem -untrusted tsa-certs.pem",
        "```",
        "",
        "`Verification: OK` と表示されれば正しいトークンです。データが1バイトでも異なれば",
        "`Verification: FAILED` となります。kimitsu が作成した記録（`documents/`）は、`-digest` の代わりに",
        "`-data documents/X.json` としてファイルそのもので検証できます。トークンの中身（TSA時刻、",
        "シリアル番号、ポリシー）は次で表示できます。",
        "",
        "```",
        "openssl ts -reply -token_in -in tokens/X.tst -token_out -text",
        "```",
        "",
        "## 3. 会社が保管するファイル（証拠保管庫）",
        "",
        "ハッシュだけを登録したファイルはパックに含まれません。会社が保管するファイルの SHA-256 を",
        "`openssl dgst -sha256 ファイル名` で計算し、`manifest.json` の値と一致することを確かめたうえで、",
        "`-data ファイル名` として検証します。",
        "",
        "## 4. 監査ログ",
        "",
        "監査ログの各記録のハッシュは、直前の記録のハッシュと記録の内容から計算されます（ハッシュチェーン）。",
        "kimitsu はハッシュの一覧を毎日 TSA にタイムスタンプさせています（`documents/anchor-*.txt`）。",
        "アンカーのトークンを下の一覧のコマンドで検証したうえで、次を実行すると、抜粋した各記録が改ざん",
        "されておらず、どのアンカーで保証されているかが表示されます。",
        "",
        "```",
        "python3 audit/verify_audit.py",
        "```",
        "",
        "## 5. 全トークンの検証コマンド",
        "",
    ]
    if not stamped:
        lines.append("タイムスタンプの付いた記録はまだありません。")
    untrusted = bool(stamped)
    for stamp in stamped:
        when = stamp.tsa_time.strftime("%Y-%m-%d %H:%M:%S UTC")
        lines += [
            f"- {KIND_JA.get(stamp.kind, stamp.kind)} {stamp.label}（TSA時刻 {when}）",
            "",
            "  ```",
            "  " + command(stamp, token_name, document_name, untrusted),
            "  ```",
            "",
        ]
    return "\n".join(lines) + "\n"
