package langhost

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestConfigEnvPassesKeysAsTheEngineSendsThem(t *testing.T) {
	env, err := ConfigEnv(&pulumirpc.RunRequest{
		Config:           map[string]string{"securetemple:endpoint": "http://127.0.0.1:1", "app:token": "s3cr3t"},
		ConfigSecretKeys: []string{"app:token"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(env) != 2 || !strings.HasPrefix(env[0], "PULUMI_CONFIG=") || !strings.HasPrefix(env[1], "PULUMI_CONFIG_SECRET_KEYS=") {
		t.Fatalf("unexpected environment %v", env)
	}
	var cfg map[string]string
	if err := json.Unmarshal([]byte(strings.TrimPrefix(env[0], "PULUMI_CONFIG=")), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg["securetemple:endpoint"] != "http://127.0.0.1:1" || cfg["app:token"] != "s3cr3t" {
		t.Fatalf("config %v", cfg)
	}
	if env[1] != `PULUMI_CONFIG_SECRET_KEYS=["app:token"]` {
		t.Fatalf("secret keys %q", env[1])
	}
}

func TestConfigEnvWithoutConfigIsEmptyJSON(t *testing.T) {
	env, err := ConfigEnv(&pulumirpc.RunRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if env[0] != "PULUMI_CONFIG={}" || env[1] != "PULUMI_CONFIG_SECRET_KEYS=[]" {
		t.Fatalf("unexpected environment %v", env)
	}
}

func exitWith(t *testing.T, code string) error {
	t.Helper()
	return exec.Command("sh", "-c", "exit "+code).Run()
}

func TestExitResponse(t *testing.T) {
	if r := ExitResponse(nil); r.GetError() != "" || r.GetBail() {
		t.Fatalf("success answered %v", r)
	}
	if r := ExitResponse(exitWith(t, "32")); !r.GetBail() || r.GetError() != "" {
		t.Fatalf("exit 32 must bail without a second message, got %v", r)
	}
	if r := ExitResponse(exitWith(t, "3")); r.GetBail() || r.GetError() != "Program exited with non-zero exit code: 3" {
		t.Fatalf("exit 3 answered %v", r)
	}
}

func TestStringOption(t *testing.T) {
	if v, err := StringOption(map[string]any{"virtualenv": "venv"}, "virtualenv"); err != nil || v != "venv" {
		t.Fatalf("got %q, %v", v, err)
	}
	if v, err := StringOption(map[string]any{}, "virtualenv"); err != nil || v != "" {
		t.Fatalf("absent option: %q, %v", v, err)
	}
	if _, err := StringOption(map[string]any{"virtualenv": true}, "virtualenv"); err == nil {
		t.Fatal("a boolean must be refused")
	}
}
