using System.CommandLine;
using SmartCity.Bench.Dashboard;

var root = new RootCommand("SmartCity dashboard benchmarks.") { DashboardBenchCommand.Create() };
return await root.Parse(args).InvokeAsync();
