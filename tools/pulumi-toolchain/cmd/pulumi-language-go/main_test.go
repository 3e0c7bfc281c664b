package main

import (
	"slices"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestOptions(t *testing.T) {
	options, _ := structpb.NewStruct(map[string]any{"buildTarget": "bin/program"})
	opts, err := parseOptions(&pulumirpc.ProgramInfo{RootDirectory: "/p", Options: options})
	if err != nil || opts.buildTarget != "/p/bin/program" || opts.binary != "" {
		t.Fatalf("got %+v, %v", opts, err)
	}
	both, _ := structpb.NewStruct(map[string]any{"buildTarget": "a", "binary": "b"})
	if _, err := parseOptions(&pulumirpc.ProgramInfo{Options: both}); err == nil {
		t.Fatal("binary and buildTarget together must be refused")
	}
}

func TestProgramEnvIsWhatPulumiRunReads(t *testing.T) {
	env, err := programEnv(&pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:1", Project: "shop", Stack: "dev", DryRun: true, Parallel: 4,
		Config: map[string]string{"securetemple:endpoint": "x"},
		Info:   &pulumirpc.ProgramInfo{RootDirectory: "/p"},
	}, "127.0.0.1:2")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"PULUMI_MONITOR=127.0.0.1:1", "PULUMI_ENGINE=127.0.0.1:2", "PULUMI_PROJECT=shop", "PULUMI_STACK=dev",
		"PULUMI_DRY_RUN=true", "PULUMI_PARALLEL=4", "PULUMI_ROOT_DIRECTORY=/p", `PULUMI_CONFIG={"securetemple:endpoint":"x"}`,
	} {
		if !slices.Contains(env, want) {
			t.Fatalf("missing %s", want)
		}
	}
}
