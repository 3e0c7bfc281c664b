// Command pulumi-language-codegen serves the code-generation part of the LanguageRuntime protocol
// for one language, named by the file it is installed as: `pulumi-language-python` or
// `pulumi-language-go`. With it, `pulumi package gen-sdk --language python|go` and `pulumi import`
// in a Python or Go project work through the CLI as with any Pulumi toolchain. It runs no program:
// the toolchain installs it under a language's name only where no full host of that language is
// built, and a full host serves the same calls through the same codegen package.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/securetemple/pulumi-toolchain/codegen"
)

func main() {
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	flag.String("tracing", "", "tracing endpoint (ignored)")
	flag.String("root", "", "project root (ignored)")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	language := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-"), ".exe")
	if !slices.Contains(codegen.Languages, language) {
		cmdutil.Exit(fmt.Errorf("install this program as pulumi-language-<language>, one of %v (it is %q)", codegen.Languages, os.Args[0]))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{generator: codegen.Generator{Language: language}})
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the %s code generator: %w", language, err))
	}
	// The engine reads our port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("the %s code generator stopped serving: %w", language, err))
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	generator codegen.Generator
}

func (h *host) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPackages reports none: the CLI asks before generating a program for a project.
func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return h.generator.GeneratePackage(ctx, req)
}

func (h *host) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return h.generator.GenerateProgram(ctx, req)
}
