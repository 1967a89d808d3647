namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>A model and its card, as read from <c>models/*/model.json</c> (the file the edge agent loads).</summary>
/// <param name="Folder">The model folder name.</param>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Format">Output format (yolov8, yolox, …).</param>
/// <param name="Licence">Licence of the weights.</param>
/// <param name="Sha256">SHA-256 of the ONNX file, as the agent verifies it at load.</param>
/// <param name="InputSize">Input width × height in pixels.</param>
/// <param name="Classes">The classes the model detects.</param>
/// <param name="TrafficClasses">How model classes map to the traffic classes that are counted.</param>
/// <param name="IntendedUse">Purpose (card.intendedUse).</param>
/// <param name="TrainingData">Training data (card.trainingData).</param>
/// <param name="Limits">Known limits (card.limits).</param>
/// <param name="Metrics">Measured accuracy and speed (card.metrics).</param>
/// <param name="Details">Further card entries (architecture, quantization, evaluation, recipe …).</param>
public sealed record ModelCard(
    string Folder,
    string Name,
    string Version,
    string Format,
    string Licence,
    string Sha256,
    string InputSize,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, string> TrafficClasses,
    string IntendedUse,
    string TrainingData,
    string Limits,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Details);
