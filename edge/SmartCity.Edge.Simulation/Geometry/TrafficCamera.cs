using System.Numerics;

namespace SmartCity.Edge.Simulation.Geometry;

/// <summary>
/// A pinhole camera on a pole above the ground plane. World axes: x east, y north, z up, in metres. The
/// camera looks along <see cref="YawDegrees"/> (0 = north, 90 = east) tilted down by <see cref="PitchDegrees"/>.
/// Ground points map to pixels through <see cref="GroundToImage"/>; points above the ground (the tops of
/// vehicles) go through <see cref="TryProject"/>.
/// </summary>
public sealed class TrafficCamera
{
    private readonly Vector3 _position;
    private readonly Vector3 _right;
    private readonly Vector3 _down;
    private readonly Vector3 _forward;
    private readonly float _focal;
    private readonly float _cx;
    private readonly float _cy;

    /// <summary>Creates a camera.</summary>
    /// <param name="position">Lens position in metres (z = mounting height).</param>
    /// <param name="yawDegrees">Viewing direction on the ground, clockwise from north.</param>
    /// <param name="pitchDegrees">Tilt below the horizon.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="horizontalFovDegrees">Horizontal field of view.</param>
    public TrafficCamera(Vector3 position, float yawDegrees, float pitchDegrees, int width, int height, float horizontalFovDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (position.Z <= 0 || pitchDegrees <= 0 || pitchDegrees >= 90 || horizontalFovDegrees is <= 1 or >= 170)
        {
            throw new ArgumentException("The camera must be above the ground, pitched down by 0–90° with a field of view of 1–170°.");
        }

        _position = position;
        YawDegrees = yawDegrees;
        PitchDegrees = pitchDegrees;
        Width = width;
        Height = height;
        float yaw = yawDegrees * MathF.PI / 180f, pitch = pitchDegrees * MathF.PI / 180f;
        _forward = new Vector3(MathF.Sin(yaw) * MathF.Cos(pitch), MathF.Cos(yaw) * MathF.Cos(pitch), -MathF.Sin(pitch));
        _right = new Vector3(MathF.Cos(yaw), -MathF.Sin(yaw), 0);
        _down = Vector3.Cross(_forward, _right);
        _focal = width * 0.5f / MathF.Tan(horizontalFovDegrees * MathF.PI / 360f);
        _cx = width * 0.5f;
        _cy = height * 0.5f;

        // Ground points (X, Y, 0): camera coordinates are linear in (X, Y, 1); the intrinsics then give pixels.
        double[] rows =
        [
            (_focal * _right.X) + (_cx * _forward.X), (_focal * _right.Y) + (_cx * _forward.Y),
            -((_focal * Vector3.Dot(_right, position)) + (_cx * Vector3.Dot(_forward, position))),
            (_focal * _down.X) + (_cy * _forward.X), (_focal * _down.Y) + (_cy * _forward.Y),
            -((_focal * Vector3.Dot(_down, position)) + (_cy * Vector3.Dot(_forward, position))),
            _forward.X, _forward.Y, -Vector3.Dot(_forward, position),
        ];
        GroundToImage = new PlaneHomography(rows);
        ImageToGround = GroundToImage.Inverse();
    }

    /// <summary>Lens position in metres.</summary>
    public Vector3 Position => _position;

    /// <summary>Viewing direction, degrees clockwise from north.</summary>
    public float YawDegrees { get; }

    /// <summary>Tilt below the horizon in degrees.</summary>
    public float PitchDegrees { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Focal length in pixels.</summary>
    public float FocalPixels => _focal;

    /// <summary>Ground plane (metres) to image (pixels).</summary>
    public PlaneHomography GroundToImage { get; }

    /// <summary>Image (pixels) to ground plane (metres); pixels at or above the horizon do not map.</summary>
    public PlaneHomography ImageToGround { get; }

    /// <summary>Distance along the viewing axis; positive in front of the camera.</summary>
    public float Depth(Vector3 world) => Vector3.Dot(world - _position, _forward);

    /// <summary>Projects a world point; false when it is less than 0.5 m in front of the lens.</summary>
    public bool TryProject(Vector3 world, out Vector2 pixel)
    {
        Vector3 d = world - _position;
        float z = Vector3.Dot(d, _forward);
        if (z < 0.5f)
        {
            pixel = default;
            return false;
        }

        float inv = _focal / z;
        pixel = new Vector2(_cx + (Vector3.Dot(d, _right) * inv), _cy + (Vector3.Dot(d, _down) * inv));
        return true;
    }
}
