// Command verify is an independent C2SP client for the interoperability test
// (issue 4, "Tests that must exist: Interoperability"). It reads a running
// Gongkai log over HTTP with Go's golang.org/x/mod/sumdb/note and tlog only,
// as packaged by Debian (golang-golang-x-mod-dev), and checks:
//
//   - the checkpoint note signature with note.NewVerifier / note.Open
//     (cosignatures from witnesses are unknown keys and are ignored);
//   - the tree hash, recomputed from the hash tiles;
//   - inclusion of the requested leaves (tlog.ProveRecord / tlog.CheckRecord),
//     each leaf hash computed from its entry in the C2SP entry bundle;
//   - with -old, consistency between an older checkpoint and the current one
//     (tlog.ProveTree / tlog.CheckTree).
//
// The two differences between Go's sumdb formats and C2SP (DOMAIN.md §4) are
// bridged here: Go's tile paths carry the height (tile/8/L/N) while C2SP's do
// not (tile/L/N), and Go's tree note starts with "go.sum database tree" where
// a C2SP checkpoint starts with its origin line. Size 0 is refused because
// Go's TreeHash(0) is zero, not SHA-256("").
//
// Usage: verify -log http://host:port/log [-old checkpoint-file] [-leaves 0,1,…]
// Prints one JSON object on success; exits 1 with a message on any failure.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8

func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return body, nil
}

// c2spPath maps Go's tile path (tile/8/L/N[.p/W]) onto C2SP's (tile/L/N[.p/W]).
func c2spPath(t tlog.Tile) string {
	return "tile/" + strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", height))
}

type tileReader struct{ base string }

func (r tileReader) Height() int { return height }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := fetch(r.base + "/" + c2spPath(t))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

// openCheckpoint verifies a checkpoint note and parses it with tlog.ParseTree,
// after replacing the C2SP origin line with Go's fixed first line.
func openCheckpoint(msg []byte, v note.Verifier) (tlog.Tree, *note.Note, error) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return tlog.Tree{}, nil, fmt.Errorf("note.Open: %w", err)
	}
	origin, rest, ok := strings.Cut(n.Text, "\n")
	if !ok || origin != v.Name() {
		return tlog.Tree{}, nil, fmt.Errorf("origin %q is not the key name %q", origin, v.Name())
	}
	tree, err := tlog.ParseTree([]byte("go.sum database tree\n" + rest))
	if err != nil {
		return tlog.Tree{}, nil, fmt.Errorf("tlog.ParseTree: %w", err)
	}
	if tree.N == 0 {
		return tlog.Tree{}, nil, errors.New("size 0: Go's TreeHash(0) is not SHA-256(\"\")")
	}
	return tree, n, nil
}

// entry returns leaf i from its C2SP entry bundle (uint16 big-endian length prefixes).
func entry(base string, i, size int64) ([]byte, error) {
	w := int64(1 << height)
	if rest := size - i/w*w; rest < w {
		w = rest
	}
	t := tlog.Tile{H: height, L: 0, N: i / (1 << height), W: int(w)}
	path := "tile/entries/" + strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/0/", height))
	data, err := fetch(base + "/" + path)
	if err != nil {
		return nil, err
	}
	for k := int64(0); len(data) >= 2; k++ {
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, fmt.Errorf("%s: truncated entry", path)
		}
		if k == i%(1<<height) {
			return data[2 : 2+n], nil
		}
		data = data[2+n:]
	}
	return nil, fmt.Errorf("%s: entry %d missing", path, i)
}

func run() (map[string]interface{}, error) {
	base := flag.String("log", "", "log URL prefix, e.g. http://127.0.0.1:8080/log")
	oldFile := flag.String("old", "", "file holding an older signed checkpoint of the same log")
	leaves := flag.String("leaves", "0", "comma-separated leaf indexes to prove")
	flag.Parse()

	vkey, err := fetch(*base + "/key")
	if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return nil, fmt.Errorf("note.NewVerifier: %w", err)
	}
	msg, err := fetch(*base + "/checkpoint")
	if err != nil {
		return nil, err
	}
	tree, n, err := openCheckpoint(msg, v)
	if err != nil {
		return nil, err
	}
	hr := tlog.TileHashReader(tree, tileReader{*base})
	th, err := tlog.TreeHash(tree.N, hr)
	if err != nil {
		return nil, fmt.Errorf("tlog.TreeHash: %w", err)
	}
	if th != tree.Hash {
		return nil, errors.New("tree hash from tiles differs from the checkpoint")
	}

	checked := []int64{}
	for _, s := range strings.Split(*leaves, ",") {
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil || i < 0 || i >= tree.N {
			return nil, fmt.Errorf("bad leaf index %q for size %d", s, tree.N)
		}
		data, err := entry(*base, i, tree.N)
		if err != nil {
			return nil, err
		}
		p, err := tlog.ProveRecord(tree.N, i, hr)
		if err != nil {
			return nil, fmt.Errorf("tlog.ProveRecord(%d): %w", i, err)
		}
		if err := tlog.CheckRecord(p, tree.N, tree.Hash, i, tlog.RecordHash(data)); err != nil {
			return nil, fmt.Errorf("tlog.CheckRecord(%d): %w", i, err)
		}
		checked = append(checked, i)
	}

	out := map[string]interface{}{
		"origin":                v.Name(),
		"size":                  tree.N,
		"root":                  tree.Hash.String(),
		"leaves_checked":        checked,
		"unverified_signatures": len(n.UnverifiedSigs),
	}
	if *oldFile != "" {
		oldMsg, err := os.ReadFile(*oldFile)
		if err != nil {
			return nil, err
		}
		old, _, err := openCheckpoint(oldMsg, v)
		if err != nil {
			return nil, fmt.Errorf("old checkpoint: %w", err)
		}
		if old.N > tree.N {
			return nil, fmt.Errorf("rollback: old size %d > current size %d", old.N, tree.N)
		}
		p, err := tlog.ProveTree(tree.N, old.N, hr)
		if err != nil {
			return nil, fmt.Errorf("tlog.ProveTree: %w", err)
		}
		if err := tlog.CheckTree(p, tree.N, tree.Hash, old.N, old.Hash); err != nil {
			return nil, fmt.Errorf("tlog.CheckTree: %w", err)
		}
		out["consistent_from"] = old.N
	}
	return out, nil
}

func main() {
	out, err := run()
	if err != nil {
		fmt.Fprintln(os.Stderr, "verify:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
