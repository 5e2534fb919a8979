using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "budgets") { Devices.Benchmarks.DeviceBudgets.Print(System.Console.Out); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
