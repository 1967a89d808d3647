using System.Globalization;
using System.Text;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Writes the harness's machine-readable results: <c>counts.csv</c>, <c>tracking.csv</c>, <c>journeys.csv</c>, <c>crossings.csv</c>, <c>id-switches.csv</c> and <c>queues.csv</c> (RFC 4180, invariant culture).</summary>
internal static class EvalCsvWriter
{
    /// <summary>One row per scenario, bin, element and class: <c>scenario,bin_start,kind,element,class,true,counted</c>.</summary>
    public static void WriteCounts(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("scenario,bin_start,kind,element,class,true,counted\n");
        foreach (var r in results)
        {
            foreach (var bin in r.Counts.Bins)
            {
                var keys = new List<CountKey>(r.Counts.InBin(bin).Keys);
                keys.Sort(RouteChecker.Compare);
                foreach (var key in keys)
                {
                    var v = r.Counts.InBin(bin)[key];
                    sb.Append(inv, $"{Field(r.Scenario.Name)},{bin.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{(key.Kind == CountKind.Line ? "line" : "movement")},{Field(key.Element)},{key.Class.ToName()},{v.True},{v.Counted}\n");
                }
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>One row per scenario with the tracking metrics and per-stage cost.</summary>
    public static void WriteTracking(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(
            "scenario,seed,frames,gt_boxes,gt_tracks,track_ids,matches,fp,fn,idsw,idsw_per_100_gt_tracks,frag,mota,motp,idf1,idp,idr,idtp,idfp,idfn," +
            "detector_ms_per_frame,tracker_ms_per_frame,analytics_ms_per_frame,mean_gt_objects,peak_gt_objects,mean_detections,detector_frames," +
            "near_gt_tracks,near_idsw,near_idsw_per_100_gt_tracks,near_frag,near_mota,near_idf1\n");
        foreach (var r in results)
        {
            var m = r.Tracking;
            var c = r.Cost;
            var ms = c.MeanMs;
            double frames = Math.Max(1, c.Frames);
            sb.Append(inv, $"{Field(r.Scenario.Name)},{r.Scenario.Seed},{r.Frames},{m.GroundTruthBoxes},{m.GroundTruthTracks},{m.TrackIds},{m.Matches},{m.FalsePositives},{m.Misses},{m.IdSwitches},{m.IdSwitchesPer100Tracks:F3},{m.Fragmentations},");
            sb.Append(inv, $"{m.Mota:F4},{m.Motp:F4},{m.Idf1:F4},{m.IdPrecision:F4},{m.IdRecall:F4},{m.IdTruePositives},{m.IdFalsePositives},{m.IdFalseNegatives},");
            sb.Append(inv, $"{ms.Detector:F3},{ms.Tracker:F4},{ms.Analytics:F4},{c.Objects / frames:F2},{c.PeakObjects},{c.Detections / frames:F2},{c.DetectorFrames},");
            if (r.NearFieldTracking is { } n)
            {
                sb.Append(inv, $"{n.GroundTruthTracks},{n.IdSwitches},{n.IdSwitchesPer100Tracks:F3},{n.Fragmentations},{n.Mota:F4},{n.Idf1:F4}\n");
            }
            else
            {
                sb.Append(",,,,,\n");
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>One row per diagnosed journey or count: <c>scenario,outcome,truth_id,from,to,true_class,counted_from,counted_to,counted_class,evidence,tracks,max_visibility</c> (the largest fraction of the road user that showed in any frame).</summary>
    public static void WriteJourneys(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("scenario,outcome,truth_id,from,to,true_class,counted_from,counted_to,counted_class,evidence,tracks,max_visibility\n");
        foreach (var r in results)
        {
            if (r.Journeys is null)
            {
                continue;
            }

            string Name(int? a) => a is { } i && i >= 0 && i < r.ApproachNames.Count ? Field(r.ApproachNames[i]) : "";
            foreach (var j in r.Journeys.Rows)
            {
                sb.Append(inv, $"{Field(r.Scenario.Name)},{j.Outcome},{j.TruthId},{Name(j.From)},{Name(j.To)},{j.TrueClass?.ToName()},{Name(j.CountedFrom)},{Name(j.CountedTo)},{j.CountedClass?.ToName()},{Field(j.Evidence.ToString())},{string.Join(' ', j.Tracks)},{j.MaxVisibility?.ToString("F2", inv)}\n");
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// One row per diagnosed line crossing or count: <c>scenario,outcome,truth_id,line,direction,true_class,counted_direction,
    /// counted_class,tracks,max_visibility,time_s</c> (time_s: seconds after the run's first frame at which the reference
    /// counted the crossing, or the pipeline a count without one).
    /// </summary>
    public static void WriteCrossings(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("scenario,outcome,truth_id,line,direction,true_class,counted_direction,counted_class,tracks,max_visibility,time_s\n");
        foreach (var r in results)
        {
            foreach (var c in r.Crossings?.Rows ?? [])
            {
                sb.Append(inv, $"{Field(r.Scenario.Name)},{c.Outcome},{c.TruthId},{Field(c.Line)},{c.Direction.ToString().ToLowerInvariant()},{c.TrueClass?.ToName()},{c.CountedDirection?.ToString().ToLowerInvariant()},{c.CountedClass?.ToName()},{string.Join(' ', c.Tracks)},{c.MaxVisibility?.ToString("F2", inv)},{c.Seconds:F1}\n");
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// One row per identity switch: <c>scenario,frame,kind,truth_id,class,x1,y1,x2,y2,visibility,previous_track,new_track,
    /// frames_since_last_match,previous_track_now,new_track_age_frames,new_track_previous_truth</c> (previous_track_now:
    /// the ground-truth id the previous track is matched to now, or "not-reported" / "unmatched").
    /// </summary>
    public static void WriteIdSwitches(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("scenario,frame,kind,truth_id,class,x1,y1,x2,y2,visibility,previous_track,new_track,frames_since_last_match,previous_track_now,new_track_age_frames,new_track_previous_truth\n");
        foreach (var r in results)
        {
            foreach (var s in r.IdSwitches)
            {
                string now = s.PreviousTrackNow switch
                {
                    IdSwitch.NotReported => "not-reported",
                    IdSwitch.Unmatched => "unmatched",
                    var id => id.ToString(inv),
                };
                sb.Append(inv, $"{Field(r.Scenario.Name)},{s.Frame},{s.Kind},{s.TruthId},{s.Class.ToName()},{s.Box.X1:F1},{s.Box.Y1:F1},{s.Box.X2:F1},{s.Box.Y2:F1},{s.Visibility:F2},{s.PreviousTrack},{s.NewTrack},{s.FramesSinceLastMatch},{now},{s.NewTrackAgeFrames},{(s.NewTrackPreviousTruth >= 0 ? s.NewTrackPreviousTruth.ToString(inv) : "")}\n");
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// One row per analytics interval and approach with a stop line, both sides measured:
    /// <c>scenario,approach,interval_start,true_max_vehicles,counted_max_vehicles,true_max_m,counted_max_m,true_mean_m,counted_mean_m</c>.
    /// </summary>
    public static void WriteQueues(string path, IReadOnlyList<ScenarioEvalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("scenario,approach,interval_start,true_max_vehicles,counted_max_vehicles,true_max_m,counted_max_m,true_mean_m,counted_mean_m\n");
        foreach (var r in results)
        {
            foreach (var q in r.Queues?.Samples() ?? [])
            {
                sb.Append(inv, $"{Field(r.Scenario.Name)},{Field(q.Approach)},{q.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{q.True.MaxVehicles},{q.Counted.MaxVehicles},{q.True.MaxMetres:F2},{q.Counted.MaxMetres:F2},{q.True.MeanMetres:F2},{q.Counted.MeanMetres:F2}\n");
            }
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
