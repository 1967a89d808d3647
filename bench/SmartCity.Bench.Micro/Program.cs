using BenchmarkDotNet.Running;

// BenchmarkDotNet micro benchmarks of the detector's hot paths. Run all with
//   dotnet run -c Release --project bench/SmartCity.Bench.Micro -- --filter '*'
// or pick one with --filter '*Preprocess*' / '*Nms*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
