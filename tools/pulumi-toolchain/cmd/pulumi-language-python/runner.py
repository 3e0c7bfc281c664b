# Runs one Pulumi Python program for the toolchain's Python language host, inside the program's
# interpreter (its virtualenv), with the `pulumi` SDK that the program itself installed.
# The host passes the engine's addresses and the stack on the command line and the configuration
# in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS; the program runs as `python __main__.py` would.
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

# The host reads this exit code as "the program already printed why it failed".
EXIT_AFTER_USER_MESSAGE = 32

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print(
        "The Pulumi SDK is not installed in this program's Python environment: "
        "run `pulumi install`, or `pip install -r requirements.txt` inside its virtualenv.",
        file=sys.stderr,
    )
    sys.exit(1)


def parse_arguments():
    parser = argparse.ArgumentParser(description="Run a Pulumi Python program")
    for name in ("monitor", "engine", "project", "stack", "organization", "root_directory", "pwd", "dry_run", "parallel"):
        parser.add_argument("--" + name)
    parser.add_argument("PROGRAM")
    parser.add_argument("ARGS", nargs="*")
    return parser.parse_args()


def engine_stopped(err):
    """Whether the program failed only because the engine stopped it: the engine then has already
    reported why (e.g. a resource it refused), and the program's traceback would only add noise."""
    while err is not None:
        if "resource monitor shut down" in str(err):
            return True
        err = err.__cause__ or err.__context__
    return False


def main():
    args = parse_arguments()
    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    parallel = int(args.parallel) if args.parallel else None
    settings = pulumi.runtime.Settings(
        monitor=args.monitor,
        engine=args.engine,
        project=args.project,
        stack=args.stack,
        parallel=parallel,
        dry_run=args.dry_run == "true",
        organization=args.organization,
        root_directory=args.root_directory,
    )
    pulumi.runtime.configure(settings)

    sys.argv = [args.PROGRAM] + args.ARGS
    if args.pwd:
        os.chdir(args.pwd)
    program = os.path.abspath(args.PROGRAM)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # The SDK runs blocking work (gRPC calls) on the loop's executor: size it to the engine's parallelism.
    executor = ThreadPoolExecutor(max_workers=max(parallel or 1, 1) * 4)
    loop.set_default_executor(executor)
    # Outputs left unresolved when a deployment fails are expected; asyncio would log each one.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    exit_code = 1
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(program, run_name="__main__")))
        exit_code = 0
    except pulumi.RunError as err:
        pulumi.log.error(str(err))
    except Exception as err:  # noqa: BLE001 -- any failure of the program is reported to the engine
        if not engine_stopped(err):
            pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
        exit_code = EXIT_AFTER_USER_MESSAGE
    finally:
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(exit_code)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        # The host interrupts a program when the engine cancels the run, which says why itself.
        sys.exit(EXIT_AFTER_USER_MESSAGE)
