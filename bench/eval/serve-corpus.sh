#!/bin/sh
# Prepares one of the evaluation corpora and serves it as a website on 127.0.0.1, in the foreground (Ctrl-C stops it).
#
#   bench/eval/serve-corpus.sh debian-handbook 8099   # the dev set's corpus; start page /index.html
#   bench/eval/serve-corpus.sh git-doc 8100           # the second set's corpus; start page /git.html
#
# Each corpus is the HTML manual of a Debian package: the script downloads the package with apt-get (no root needed),
# unpacks it with dpkg-deb under /tmp/parley-corpus/NAME, once, and serves the folder of pages with Python's
# http.server. Another machine's package version may differ from the one the question sets were written against; the
# version served is printed so a result can be told apart.
set -eu

name=${1:-}
port=${2:-}
case "$name" in
    debian-handbook) package=debian-handbook; pages=usr/share/doc/debian-handbook/html/en-US; start=index.html ;;
    git-doc) package=git-doc; pages=usr/share/doc/git-doc; start=git.html ;;
    *) echo "usage: $0 debian-handbook|git-doc PORT" >&2; exit 2 ;;
esac
case "$port" in
    ''|*[!0-9]*) echo "usage: $0 $name PORT" >&2; exit 2 ;;
esac

root=/tmp/parley-corpus/$name
if [ ! -d "$root/x/$pages" ]; then
    mkdir -p "$root"
    # apt-get download writes into the current directory.
    (cd "$root" && apt-get download "$package")
    dpkg-deb -x "$root"/"$package"_*.deb "$root/x"
fi

version=$(dpkg-deb -f "$root"/"$package"_*.deb Version)
count=$(find "$root/x/$pages" -maxdepth 1 -name '*.html' | wc -l)
echo "$package $version: $count pages in $root/x/$pages"
echo "start page: http://127.0.0.1:$port/$start"
cd "$root/x/$pages"
exec python3 -m http.server "$port" --bind 127.0.0.1
