#!/bin/sh
# Installs the selfaudit bundle this script sits in, with its menu entry and icons.
#
#   sudo ./install.sh                      for everyone: /opt/selfaudit, /usr/local/bin/selfaudit
#   sudo ./install.sh --policy FILE        the same, and FILE as the organisation's policy
#                                          (/etc/xdg/selfaudit/policy.toml); a policy.toml
#                                          beside this script is installed beside the program
#   ./install.sh --user                    for you only: ~/.local/lib/selfaudit, ~/.local/bin
#   sudo ./install.sh --uninstall          removes what the first form installed (not the policy)
#   ./install.sh --user --uninstall
#
# DESTDIR=/some/root puts everything under that folder instead (for building packages and tests).
set -eu

APP_ID=uk.selfaudit.SelfAudit
here=$(cd "$(dirname "$0")" && pwd)
mode=system action=install policy=
while [ $# -gt 0 ]; do
  case $1 in
    --user) mode=user ;;
    --uninstall) action=uninstall ;;
    --policy) policy=${2:?--policy needs a file}; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

dest=${DESTDIR:-}
if [ $mode = user ]; then
  app_dir=$HOME/.local/lib/selfaudit bin_dir=$HOME/.local/bin
  share_dir=${XDG_DATA_HOME:-$HOME/.local/share}
  policy_dir=${XDG_CONFIG_HOME:-$HOME/.config}/selfaudit
else
  app_dir=/opt/selfaudit bin_dir=/usr/local/bin share_dir=/usr/local/share
  policy_dir=/etc/xdg/selfaudit
fi

refresh_caches() {
  # Menus notice new files by themselves on most desktops; these only speed it up. A package
  # build (DESTDIR) leaves caches to the package manager, and an icon cache is only refreshed
  # where one exists: a new one would hide icons that other programs add later.
  [ -z "$dest" ] || return 0
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share_dir/applications" 2>/dev/null || true
  fi
  if [ -f "$share_dir/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share_dir/icons/hicolor" 2>/dev/null || true
  fi
}

if [ $action = uninstall ]; then
  rm -rf "$dest$app_dir"
  rm -f "$dest$bin_dir/selfaudit" "$dest$share_dir/applications/$APP_ID.desktop" \
    "$dest$share_dir/metainfo/$APP_ID.metainfo.xml"
  find "$dest$share_dir/icons/hicolor" -name "$APP_ID.*" -type f -delete 2>/dev/null || true
  refresh_caches
  echo "selfaudit removed from $app_dir"
  exit 0
fi

[ -x "$here/selfaudit" ] || { echo "install.sh: no selfaudit program next to this script" >&2; exit 1; }
if [ -n "$policy" ] && [ ! -f "$policy" ]; then
  echo "install.sh: policy file $policy not found" >&2; exit 1
fi

rm -rf "$dest$app_dir"
mkdir -p "$dest$app_dir" "$dest$bin_dir" "$dest$share_dir/applications" "$dest$share_dir/metainfo"
cp -R "$here/selfaudit" "$here/_internal" "$dest$app_dir/"
# A policy baked into the bundle stays beside the program, where selfaudit looks for it.
if [ -f "$here/policy.toml" ]; then
  cp "$here/policy.toml" "$dest$app_dir/policy.toml"
  chmod 644 "$dest$app_dir/policy.toml"
fi
ln -sf "$app_dir/selfaudit" "$dest$bin_dir/selfaudit"
# The menu entry runs the program by its full path: ~/.local/bin is not on every desktop's PATH.
sed -e "s|^Exec=selfaudit|Exec=$app_dir/selfaudit|" -e "s|^TryExec=selfaudit|TryExec=$app_dir/selfaudit|" \
  "$here/share/applications/$APP_ID.desktop" >"$dest$share_dir/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$dest$share_dir/metainfo/"
cp -R "$here/share/icons" "$dest$share_dir/"
if [ -n "$policy" ]; then
  mkdir -p "$dest$policy_dir"
  cp "$policy" "$dest$policy_dir/policy.toml"
  chmod 644 "$dest$policy_dir/policy.toml"
fi
refresh_caches
echo "selfaudit installed in $app_dir; run it from the menu or as $bin_dir/selfaudit"
