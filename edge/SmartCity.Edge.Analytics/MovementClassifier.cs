using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>Derives left/through/right/U-turn from the directions of travel into and out of an intersection.</summary>
public static class MovementClassifier
{
    /// <summary>Largest turn (degrees) still counted as through.</summary>
    public const double ThroughToleranceDegrees = 45;

    /// <summary>A turn sharper than this (degrees) towards the side U-turns are made on is a U-turn.</summary>
    public const double UTurnFromDegrees = 135;

    /// <summary>A turn sharper than this (degrees) either way reverses the direction of travel: a U-turn.</summary>
    public const double ReversalDegrees = 160;

    /// <summary>Compass bearing (degrees) of inbound travel on an approach lying on <paramref name="side"/>.</summary>
    public static double InboundBearingOf(Approach side) => side switch
    {
        Approach.North => 180,
        Approach.East => 270,
        Approach.South => 0,
        Approach.West => 90,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "An approach side is north, east, south or west."),
    };

    /// <summary>
    /// The signed turn (degrees, −180 to 180, positive clockwise = to the right) of a road user entering with
    /// inbound bearing <paramref name="fromInboundBearing"/> and leaving by an approach whose inbound bearing is
    /// <paramref name="toInboundBearing"/> (it leaves against that approach's inbound direction).
    /// </summary>
    public static double TurnAngle(double fromInboundBearing, double toInboundBearing)
    {
        double outbound = toInboundBearing + 180;
        double turn = (outbound - fromInboundBearing) % 360;
        if (turn > 180)
        {
            turn -= 360;
        }
        else if (turn <= -180)
        {
            turn += 360;
        }

        return turn;
    }

    /// <summary>Classifies a movement between two approaches from their inbound bearings.</summary>
    public static MovementKind Classify(double fromInboundBearing, double toInboundBearing, DrivingSide drivingSide, bool sameApproach = false)
    {
        if (sameApproach)
        {
            return MovementKind.UTurn;
        }

        double turn = TurnAngle(fromInboundBearing, toInboundBearing);
        if (Math.Abs(turn) > ReversalDegrees)
        {
            return MovementKind.UTurn;
        }

        if (Math.Abs(turn) <= ThroughToleranceDegrees)
        {
            return MovementKind.Through;
        }

        // U-turns swing across the oncoming lanes: to the left in right-hand traffic, to the right in left-hand
        // traffic, so only a sharp turn to that side is read as one.
        if (turn > 0)
        {
            return drivingSide == DrivingSide.Left && turn > UTurnFromDegrees ? MovementKind.UTurn : MovementKind.Right;
        }

        return drivingSide == DrivingSide.Right && -turn > UTurnFromDegrees ? MovementKind.UTurn : MovementKind.Left;
    }
}
