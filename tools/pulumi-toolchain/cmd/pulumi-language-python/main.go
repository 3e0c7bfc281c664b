// Command pulumi-language-python is the Python language host that the Pulumi engine launches to
// run Python programs. The module proxy does not serve Pulumi's own host, so the toolchain builds
// this one: it serves the LanguageRuntime calls that preview, up, destroy and policy packs need
// and runs the program with the `pulumi` SDK from PyPI installed in the program's environment.
//
// A program runs in its interpreter (the virtualenv of `runtime.options.virtualenv`, else python3
// on PATH) through runner.py, embedded here, which configures the SDK from the engine's request
// and runs the program's __main__.py inside the SDK's stack. Code generation (`pulumi package
// gen-sdk`, `pulumi import`) is Pulumi's own, through the codegen package.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/securetemple/pulumi-toolchain/internal/langhost"
)

//go:embed runner.py
var runnerScript string

func main() {
	langhost.Serve("python", func() langhost.Server { return &host{} })
}

type host struct {
	langhost.Base
}

// pythonOptions are the `runtime.options` of Pulumi.yaml that this host honours.
type pythonOptions struct {
	// virtualenv is the program's virtualenv folder, relative to the project's root.
	virtualenv string
}

func parseOptions(info *pulumirpc.ProgramInfo) (pythonOptions, error) {
	var opts pythonOptions
	if info.GetOptions() == nil {
		return opts, nil
	}
	venv, err := langhost.StringOption(info.GetOptions().AsMap(), "virtualenv")
	if err != nil {
		return opts, err
	}
	if venv != "" && !filepath.IsAbs(venv) {
		venv = filepath.Join(info.GetRootDirectory(), venv)
	}
	opts.virtualenv = venv
	return opts, nil
}

// python is the interpreter of the program: its virtualenv's, else python3 (or python) on PATH.
func (o pythonOptions) python() (string, error) {
	if o.virtualenv != "" {
		bin := filepath.Join(o.virtualenv, "bin", "python")
		if _, err := os.Stat(bin); err != nil {
			return "", fmt.Errorf("the virtualenv %s has no bin/python: run `pulumi install` "+
				"(or `python3 -m venv %s` and pip install -r requirements.txt in it)", o.virtualenv, o.virtualenv)
		}
		return bin, nil
	}
	for _, name := range []string{"python3", "python"} {
		if bin, err := exec.LookPath(name); err == nil {
			return bin, nil
		}
	}
	return "", fmt.Errorf("python3 was not found on PATH")
}

// env is the process environment of a program, with its virtualenv active when it has one.
func (o pythonOptions) env() []string {
	env := os.Environ()
	if o.virtualenv != "" {
		env = append(env,
			"VIRTUAL_ENV="+o.virtualenv,
			"PATH="+filepath.Join(o.virtualenv, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	}
	// Unbuffered, so the program's prints reach the engine as they happen.
	return append(env, "PYTHONUNBUFFERED=1")
}

// runnerArguments is runner.py's command line for a request.
func runnerArguments(req *pulumirpc.RunRequest, engine string) []string {
	args := []string{"-u", "-c", runnerScript}
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engine)
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("organization", req.GetOrganization())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("pwd", req.GetInfo().GetProgramDirectory())
	add("dry_run", strconv.FormatBool(req.GetDryRun()))
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// Run executes a Pulumi Python program.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	python, err := opts.python()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cfg, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(opts.env(), cfg...)
	return h.RunProgram(ctx, python, runnerArguments(req, h.EngineAddress()), req.GetInfo().GetProgramDirectory(), env), nil
}

// InstallDependencies makes the program's virtualenv where it is missing and installs
// requirements.txt into it (`pulumi install`, `pulumi new`).
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	ctx := server.Context()
	if opts.virtualenv == "" {
		return nil
	}
	if _, err := os.Stat(filepath.Join(opts.virtualenv, "bin", "python")); err != nil {
		python3, err := exec.LookPath("python3")
		if err != nil {
			return fmt.Errorf("python3 was not found on PATH")
		}
		out, err := exec.CommandContext(ctx, python3, "-m", "venv", opts.virtualenv).CombinedOutput()
		if sendErr := langhost.SendOutput(server, out); sendErr != nil {
			return sendErr
		}
		if err != nil {
			return fmt.Errorf("python3 -m venv %s failed: %w", opts.virtualenv, err)
		}
	}
	requirements := filepath.Join(req.GetInfo().GetProgramDirectory(), "requirements.txt")
	if _, err := os.Stat(requirements); err != nil {
		return nil
	}
	cmd := exec.CommandContext(ctx, filepath.Join(opts.virtualenv, "bin", "python"), "-m", "pip", "install", "-r", requirements)
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	out, err := cmd.CombinedOutput()
	if sendErr := langhost.SendOutput(server, out); sendErr != nil {
		return sendErr
	}
	if err != nil {
		return fmt.Errorf("pip install -r %s failed: %w", requirements, err)
	}
	return nil
}

// About names the program's interpreter and its version (`pulumi about`).
func (h *host) About(_ context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	python, err := opts.python()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(python, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --version failed: %w", python, err)
	}
	return &pulumirpc.AboutResponse{Executable: python, Version: strings.TrimPrefix(strings.TrimSpace(string(out)), "Python ")}, nil
}

// GetProgramDependencies lists the packages installed in the program's environment.
func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	python, err := opts.python()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(python, "-m", "pip", "list", "--format=json", "--disable-pip-version-check").Output()
	if err != nil {
		return nil, fmt.Errorf("pip list failed: %w", err)
	}
	var packages []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(out, &packages); err != nil {
		return nil, fmt.Errorf("pip list printed no JSON: %w", err)
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(packages))
	for _, p := range packages {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}
