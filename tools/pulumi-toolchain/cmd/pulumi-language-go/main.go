// Command pulumi-language-go is the Go language host that the Pulumi engine launches to run Go
// programs. The module proxy does not serve Pulumi's own host, so the toolchain builds this one: it
// serves the LanguageRuntime calls that preview, up, destroy and policy packs need. A program is
// compiled with `go build` (Go's build cache makes every run after the first a link) and run with
// the engine's request in the environment variables that the sdk/v3 module's pulumi.Run reads.
// Code generation (`pulumi package gen-sdk`, `pulumi import`) is Pulumi's own, through the codegen
// package.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/securetemple/pulumi-toolchain/internal/langhost"
)

func main() {
	langhost.Serve("go", func() langhost.Server { return &host{} })
}

type host struct {
	langhost.Base
}

// goOptions are the `runtime.options` of Pulumi.yaml that this host honours, as Pulumi's own does.
type goOptions struct {
	// binary is a program built beforehand, run as it is (relative paths from the project's root).
	binary string
	// buildTarget is where `go build` writes the program, kept after the run; else a temporary file.
	buildTarget string
}

func parseOptions(info *pulumirpc.ProgramInfo) (goOptions, error) {
	var opts goOptions
	if info.GetOptions() == nil {
		return opts, nil
	}
	m := info.GetOptions().AsMap()
	var err error
	if opts.binary, err = langhost.StringOption(m, "binary"); err != nil {
		return opts, err
	}
	if opts.buildTarget, err = langhost.StringOption(m, "buildTarget"); err != nil {
		return opts, err
	}
	if opts.binary != "" && opts.buildTarget != "" {
		return opts, fmt.Errorf("runtime options `binary` and `buildTarget` cannot both be set")
	}
	root := info.GetRootDirectory()
	for _, p := range []*string{&opts.binary, &opts.buildTarget} {
		if *p != "" && !filepath.IsAbs(*p) && strings.ContainsRune(*p, filepath.Separator) {
			*p = filepath.Join(root, *p)
		}
	}
	return opts, nil
}

// programEnv is what pulumi.Run reads from its environment to reach the engine.
func programEnv(req *pulumirpc.RunRequest, engine string) ([]string, error) {
	cfg, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), cfg...)
	add := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	add(pulumi.EnvOrganization, req.GetOrganization())
	add(pulumi.EnvProject, req.GetProject())
	add(pulumi.EnvPulumiRootDirectory, req.GetInfo().GetRootDirectory())
	add(pulumi.EnvStack, req.GetStack())
	add(pulumi.EnvDryRun, strconv.FormatBool(req.GetDryRun()))
	add(pulumi.EnvParallel, strconv.Itoa(int(req.GetParallel())))
	add(pulumi.EnvMonitor, req.GetMonitorAddress())
	add(pulumi.EnvEngine, engine)
	return env, nil
}

// build compiles the program in dir into target, with the compiler's output in the error.
func build(ctx context.Context, dir, target string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-o", target, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build of the program in %s failed:\n%s", dir, strings.TrimSpace(string(out)))
	}
	return nil
}

// Run compiles (unless `binary` names a built program) and executes a Pulumi Go program.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := programEnv(req, h.EngineAddress())
	if err != nil {
		return nil, err
	}
	program := opts.binary
	if program == "" {
		program = opts.buildTarget
		if program == "" {
			tmp, err := os.MkdirTemp("", "pulumi-go-program-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			program = filepath.Join(tmp, "program")
		}
		if err := build(ctx, info.GetProgramDirectory(), program); err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
	} else if !filepath.IsAbs(program) && !strings.ContainsRune(program, filepath.Separator) {
		if program, err = exec.LookPath(program); err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("runtime option `binary`: %v", err)}, nil
		}
	}
	return h.RunProgram(ctx, program, nil, info.GetProgramDirectory(), env), nil
}

// InstallDependencies downloads the modules of the program's go.mod (`pulumi install`).
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return nil
	}
	cmd := exec.CommandContext(server.Context(), "go", "mod", "download")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if sendErr := langhost.SendOutput(server, out); sendErr != nil {
		return sendErr
	}
	if err != nil {
		return fmt.Errorf("go mod download in %s failed: %w", dir, err)
	}
	return nil
}

// About names the Go toolchain that builds programs (`pulumi about`).
func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("go was not found on PATH")
	}
	out, err := exec.Command(gobin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION failed: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: gobin, Version: strings.TrimPrefix(strings.TrimSpace(string(out)), "go")}, nil
}
