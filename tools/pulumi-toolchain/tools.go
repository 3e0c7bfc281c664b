//go:build tools

// Package toolchain pins the Pulumi CLI's main package in go.mod so that
// `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` resolves it from this module.
package toolchain

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
