// compose-check loads a Compose file the way `docker compose` does (compose-go:
// the Compose Specification schema, .env interpolation, profiles, normalization),
// applies `--scale SERVICE=N` like `docker compose up --scale`, and rejects what
// would stop N containers of a service from starting side by side: a fixed
// container_name or a fixed host port. It needs no Docker engine. On success it
// prints the resolved project as JSON.
//
//	go run ./infra/compose-check --profile demo --scale ride-service=3 infra/docker-compose.yml
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	var profiles, scales repeated
	flag.Var(&profiles, "profile", "profile to enable (repeatable)")
	flag.Var(&scales, "scale", "SERVICE=N, as docker compose up --scale (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [--profile P] [--scale SERVICE=N] FILE...")
		os.Exit(2)
	}
	project, err := load(flag.Args(), profiles)
	if err == nil {
		err = scale(project, scales)
	}
	if err == nil {
		err = checkScalable(project)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}

// load reads the files with the .env beside the first one, and only that: the
// machine's own environment does not leak into the result.
func load(files []string, profiles []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions(files,
		cli.WithWorkingDirectory(filepath.Dir(files[0])),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithProfiles(profiles),
	)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

func scale(project *types.Project, scales []string) error {
	for _, entry := range scales {
		name, value, ok := strings.Cut(entry, "=")
		replicas, err := strconv.Atoi(value)
		if !ok || err != nil || replicas < 0 {
			return fmt.Errorf("invalid --scale %q, want SERVICE=N", entry)
		}
		service, found := project.Services[name]
		if !found {
			return fmt.Errorf("--scale %s: no such service (with the profiles given)", name)
		}
		service.SetScale(replicas)
		project.Services[name] = service
	}
	return nil
}

// checkScalable rejects a service that runs more than one container with a
// fixed container name (Docker names must be unique) or a fixed host port (only
// one container can bind it).
func checkScalable(project *types.Project) error {
	var problems []error
	for _, name := range project.ServiceNames() {
		service := project.Services[name]
		if service.GetScale() <= 1 {
			continue
		}
		if service.ContainerName != "" {
			problems = append(problems, fmt.Errorf("%s: scale %d with container_name %q", name, service.GetScale(), service.ContainerName))
		}
		for _, port := range service.Ports {
			if port.Published != "" && !strings.Contains(port.Published, "-") {
				problems = append(problems, fmt.Errorf("%s: scale %d with host port %s", name, service.GetScale(), port.Published))
			}
		}
	}
	return errors.Join(problems...)
}
