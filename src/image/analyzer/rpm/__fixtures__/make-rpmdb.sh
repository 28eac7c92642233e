#!/bin/sh
# Rebuilds rpmdb.sqlite: a real SQLite rpmdb written by rpm 4.18 (Debian's `rpm` package) holding two tiny
# noarch packages, one with an epoch. Run from this folder: sh make-rpmdb.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/top/SPECS" "$work/db"
cat > "$work/top/SPECS/hello.spec" <<'SPEC'
Name: coastguard-hello
Version: 1.2.3
Release: 4.fc39
Epoch: 2
Summary: A tiny test package
License: MIT
BuildArch: noarch
%description
A tiny package for Coastguard's rpmdb tests.
%files
SPEC
cat > "$work/top/SPECS/tool.spec" <<'SPEC'
Name: coastguard-tool
Version: 0.9
Release: 1.el9
Summary: Another tiny package
License: MIT
BuildArch: noarch
%description
Another one.
%files
SPEC
for spec in hello tool; do rpmbuild --define "_topdir $work/top" -bb "$work/top/SPECS/$spec.spec" >/dev/null; done
rpm --dbpath "$work/db" --define '_db_backend sqlite' --initdb
rpm --dbpath "$work/db" -i --justdb --nodeps --ignorearch --ignoreos "$work"/top/RPMS/noarch/*.rpm
# One self-contained file: fold the write-ahead log in.
node -e "const D=require('better-sqlite3');const d=new D(process.argv[1]);d.pragma('journal_mode=DELETE');d.exec('VACUUM');d.close()" "$work/db/rpmdb.sqlite"
cp "$work/db/rpmdb.sqlite" rpmdb.sqlite
