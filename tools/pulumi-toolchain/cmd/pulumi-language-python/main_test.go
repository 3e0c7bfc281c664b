package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestVirtualenvIsRelativeToTheProjectRoot(t *testing.T) {
	options, _ := structpb.NewStruct(map[string]any{"virtualenv": "venv"})
	opts, err := parseOptions(&pulumirpc.ProgramInfo{RootDirectory: "/work/project", Options: options})
	if err != nil {
		t.Fatal(err)
	}
	if opts.virtualenv != "/work/project/venv" {
		t.Fatalf("virtualenv %q", opts.virtualenv)
	}
	if _, err := opts.python(); err == nil || !strings.Contains(err.Error(), "pulumi install") {
		t.Fatalf("a missing virtualenv must say how to make it, got %v", err)
	}
}

func TestRunnerArgumentsCarryTheRequest(t *testing.T) {
	args := runnerArguments(&pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:1", Project: "shop", Stack: "dev", DryRun: true, Parallel: 8,
		Info: &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p", EntryPoint: "."},
	}, "127.0.0.1:2")
	if args[0] != "-u" || args[1] != "-c" || args[2] != runnerScript {
		t.Fatalf("the runner must run unbuffered from its embedded source: %v", args[:2])
	}
	rest := strings.Join(args[3:], " ")
	want := "--monitor 127.0.0.1:1 --engine 127.0.0.1:2 --project shop --stack dev --root_directory /p --pwd /p --dry_run true --parallel 8 ."
	if rest != want {
		t.Fatalf("got  %s\nwant %s", rest, want)
	}
}

// The embedded runner parses the command line the host writes (without reaching an engine).
func TestRunnerParsesTheHostsCommandLine(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed on PATH: the Python host runs programs with it")
	}
	dir := t.TempDir()
	stub := filepath.Join(dir, "pulumi")
	if err := os.MkdirAll(filepath.Join(stub, "runtime"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A stand-in SDK that records what the runner configures and runs.
	os.WriteFile(filepath.Join(stub, "__init__.py"), []byte("class RunError(Exception):\n    pass\nfrom . import log\n"), 0o644)
	os.WriteFile(filepath.Join(stub, "log.py"), []byte("def error(m):\n    print('ERROR', m)\n"), 0o644)
	os.WriteFile(filepath.Join(stub, "runtime", "__init__.py"), []byte(`
import asyncio
def get_config_env(): return {"a:b": "c"}
def get_config_secret_keys_env(): return []
def set_all_config(c, s): print("config", c, s)
class Settings:
    def __init__(self, **kw): self.kw = kw
def configure(s): print("settings", sorted(s.kw.items()))
async def run_in_stack(f): f()
`), 0o644)
	program := filepath.Join(dir, "prog")
	os.MkdirAll(program, 0o755)
	os.WriteFile(filepath.Join(program, "__main__.py"), []byte("import sys\nprint('program ran', sys.argv[1:])\n"), 0o644)
	args := runnerArguments(&pulumirpc.RunRequest{
		MonitorAddress: "m:1", Project: "shop", Stack: "dev", Parallel: 4, Args: []string{"x"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: program, ProgramDirectory: program, EntryPoint: "."},
	}, "e:2")
	cmd := exec.Command(python, args...)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	text := string(out)
	for _, want := range []string{"config {'a:b': 'c'} []", "('dry_run', False)", "('engine', 'e:2')", "('monitor', 'm:1')", "('parallel', 4)", "('stack', 'dev')", "program ran ['x']"} {
		if !strings.Contains(text, want) {
			t.Fatalf("missing %q in\n%s", want, text)
		}
	}
	if !slices.Contains(args, "x") {
		t.Fatal("program arguments are passed on")
	}
}
