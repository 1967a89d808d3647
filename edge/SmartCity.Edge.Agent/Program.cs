using System.CommandLine;
using SmartCity.Edge.Agent.Commands;

// The edge agent's command line. Each verb lives in Commands/ and builds its own System.CommandLine command.
var root = new RootCommand("SmartCity edge agent: camera frames → motion gate → quantised ONNX detection → tracking → counts per line and turning movement, plus environmental sensors.")
{
    RunCommand.Create(),
    DetectCommand.Create(),
    BenchCommand.Create(),
    DatasetCommand.Create(),
    ModelEvalCommand.Create(),
    EvalCommand.Create(),
    ScenarioVideoCommand.Create(),
    AirCommand.Create(),
    ProvisionCommand.Create(), DoctorCommand.Create(), SnapshotCommand.Create(), ValidateCommand.Create(), UpdateCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
