// Package langhost holds what the toolchain's Python and Go language hosts share: serving the
// LanguageRuntime protocol on the port the engine reads from stdout, the calls whose answer does
// not depend on the language (handshake, plugin info, cancellation, no packages to install), code
// generation forwarded to the codegen package, and running a program's process the way the engine
// expects (configuration in the environment, exit code 32 meaning "the program already said why").
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/securetemple/pulumi-toolchain/codegen"
)

// ExitAfterUserMessage is the exit code by which a program's runner says it has already printed
// an actionable message: the engine then stops without adding a "non-zero exit code" error.
const ExitAfterUserMessage = 32

// Server is a language host: the protocol's server plus the Base it embeds.
type Server interface {
	pulumirpc.LanguageRuntimeServer
	base() *Base
}

// Serve parses the engine's command line, serves the host and blocks until the engine is done.
func Serve(language string, newServer func() Server) {
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	// Accepted for compatibility with the engine's command line; tracing is not forwarded.
	flag.String("tracing", "", "tracing endpoint (ignored)")
	flag.String("root", "", "project root (read from each request instead)")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancelServe := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancelServe)
	}()

	server := newServer()
	b := server.base()
	b.init(language)
	if args := flag.Args(); len(args) > 0 {
		// Older engines pass their address on the command line instead of through Handshake.
		b.setEngine(args[0])
		if err := rpcutil.Healthcheck(ctx, args[0], 5*time.Minute, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancelServe,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, server)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the %s language host: %w", language, err))
	}
	// The engine reads our port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("the %s language host stopped serving: %w", language, err))
	}
}

// Base answers the calls every host answers alike; a host embeds it and adds Run and the rest.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	generator     codegen.Generator
	mu            sync.Mutex
	engineAddress string
	// cancelled ends every running program when the engine sends Cancel.
	cancelled context.Context
	cancel    context.CancelFunc
}

func (b *Base) base() *Base { return b }

func (b *Base) init(language string) {
	b.generator = codegen.Generator{Language: language}
	b.cancelled, b.cancel = context.WithCancel(context.Background())
}

func (b *Base) setEngine(address string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.engineAddress = address
}

// EngineAddress is the engine's gRPC address, handed to the program so that it logs through it.
func (b *Base) EngineAddress() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.engineAddress
}

func (b *Base) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.setEngine(req.GetEngineAddress())
	if addr := req.GetEngineAddress(); addr != "" {
		// Exit when the engine goes away, so no host outlives its `pulumi` process.
		if err := rpcutil.Healthcheck(context.Background(), addr, 5*time.Minute, func() { os.Exit(0) }); err != nil {
			return nil, fmt.Errorf("could not start health check: %w", err)
		}
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (b *Base) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	b.cancel()
	return &emptypb.Empty{}, nil
}

// GetRequiredPlugins reports none: our programs name their provider plugin by path in
// Pulumi.yaml, and the engine loads a plugin when a resource first needs it.
func (b *Base) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages reports none, for the same reason as GetRequiredPlugins.
func (b *Base) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (b *Base) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// GeneratePackage writes an SDK from a schema (`pulumi package gen-sdk --language <language>`).
func (b *Base) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return b.generator.GeneratePackage(ctx, req)
}

// GenerateProgram writes a program from PCL, e.g. the declaration of a resource `pulumi import` brought in.
func (b *Base) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return b.generator.GenerateProgram(ctx, req)
}

// ConfigEnv is the stack configuration as the SDKs read it: PULUMI_CONFIG holds the JSON object
// of `<namespace>:<name>` keys and PULUMI_CONFIG_SECRET_KEYS the JSON list of the secret ones.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	secrets := req.GetConfigSecretKeys()
	if secrets == nil {
		secrets = []string{}
	}
	secretJSON, err := json.Marshal(secrets)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretJSON)}, nil
}

// RunProgram runs a program's process to its end and turns its exit into the engine's answer. The
// process is interrupted when the request ends or the engine cancels, and killed 5 s later.
func (b *Base) RunProgram(ctx context.Context, name string, args []string, dir string, env []string) *pulumirpc.RunResponse {
	runCtx, cancel := context.WithCancel(b.cancelled)
	defer cancel()
	context.AfterFunc(ctx, cancel)
	cmd := exec.CommandContext(runCtx, name, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	return ExitResponse(cmd.Run())
}

// ExitResponse is the engine's answer for how a program's process ended.
func ExitResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if exit.ExitCode() == ExitAfterUserMessage {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program: %v", err)}
}

// StringOption reads a string `runtime.options` entry of Pulumi.yaml ("" when absent).
func StringOption(options map[string]any, name string) (string, error) {
	v, ok := options[name]
	if !ok || v == nil {
		return "", nil
	}
	s, isString := v.(string)
	if !isString {
		return "", fmt.Errorf("runtime option `%s` must be a string", name)
	}
	return s, nil
}

// SendOutput streams a command's combined output to the engine, as InstallDependencies answers.
func SendOutput(server pulumirpc.LanguageRuntime_InstallDependenciesServer, out []byte) error {
	if len(out) == 0 {
		return nil
	}
	return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out})
}
