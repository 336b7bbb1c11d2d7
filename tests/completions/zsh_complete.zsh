#!/usr/bin/env zsh
# Prints the completions zsh offers for a command line, one a line, by typing
# the line and a Tab into an interactive zsh on a pseudo-terminal (zsh/zpty):
# the completion system runs as it would for a user. Usage:
#   zsh -f zsh_complete.zsh COMPLETIONS_DIR 'stacklint --for' ['stacklint -i E30' ...]
# For each line, prints "== LINE" and then each match, one a line, as the word
# it would complete to ($IPREFIX, the prefix and the match). One zsh runs all
# the lines (compinit is slow): ^U clears the buffer between them. Exits 77
# without the zsh/zpty module.
emulate -L zsh
zmodload zsh/zpty || exit 77
local compdir=$1 line
shift
local init=$(mktemp "${TMPDIR:-/tmp}/stacklint-zsh.XXXXXX")
trap 'rm -f $init; zpty -d z 2>/dev/null' EXIT
cat >$init <<INIT
PS1= PROMPT= RPROMPT=
unsetopt zle_bracketed_paste 2>/dev/null
fpath=(${(q)compdir} \$fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' menu no
compadd() {
  # the calls that only collect matches into an array, pass through
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "\$@"; return
  fi
  local -a __hits
  builtin compadd -A __hits "\$@"
  local h
  for h in \$__hits; do print -r -- "<<M>>\$IPREFIX\$PREFIX\${h#\$PREFIX}" ; done
  builtin compadd "\$@"
}
# typed after each Tab: its output marks the end of the completion's
__done() { print -r -- '<<E>>' }
zle -N __done
bindkey -e
bindkey '^Xe' __done
INIT
zpty z zsh -f -i
zpty -w z "source ${(q)init}"
local out chunk l
for line in "$@"; do
  zpty -w -n z $'\x15'"$line"$'\t\x18e'
  out=
  while :; do
    chunk=
    if zpty -r -t z chunk; then
      out+=$chunk
      [[ $out == *'<<E>>'* ]] && break
    elif (( SECONDS > 60 )); then
      print -ru2 -- "zsh_complete: no answer for '$line'"; exit 1
    else
      sleep 0.02
    fi
  done
  # a match is printed after the terminal's echo of the line: take what
  # follows the marker
  print -r -- "== $line"
  for l in ${(f)${out//$'\r'/}}; do
    [[ $l == *'<<M>>'* ]] && print -r -- "${l#*<<M>>}"
  done
done
return 0
