using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// Gets every processed frame with its detections, on the pipeline's thread. Later stages (tracking,
/// analytics) plug in here. Must not keep the frame or the span beyond the call.
/// </summary>
internal interface IFrameObserver
{
    /// <summary>Called once per frame, after the motion gate and, when it ran, the detector.</summary>
    /// <param name="frame">The frame (disposed by the pipeline after the call).</param>
    /// <param name="detections">This frame's detections; empty when detection was skipped.</param>
    /// <param name="detected">Whether the detector ran on this frame.</param>
    void OnFrame(Frame frame, ReadOnlySpan<DetectedObject> detections, bool detected);

    /// <summary>True while the observer follows objects in view (live tracks): the motion gate then keeps detecting.</summary>
    bool ObjectsAlive { get; }
}
