using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>
/// Constant-velocity Kalman filter of a box: centre x, centre y, width, height and their velocities in pixels
/// per second (SORT/ByteTrack's state, with width instead of aspect ratio as in BoT-SORT, so a turning
/// vehicle's changing shape is followed directly). Noise scales with the box size, as in ByteTrack; the
/// noise is given per second rather than per frame so any and irregular frame intervals work.
/// </summary>
internal struct BoxKalmanFilter
{
    /// <summary>Measurement noise: standard deviation as a fraction of the box size (ByteTrack's 1/20).</summary>
    internal const double MeasurementStd = 0.05;

    /// <summary>
    /// Position process noise per √second as a fraction of the size. ByteTrack's 1/20 per frame at 30 fps would
    /// be 0.27; less, because the constant-velocity model explains most motion of road users.
    /// </summary>
    internal const double PositionNoiseRate = 0.1;

    /// <summary>
    /// Velocity process noise per √second in sizes per second: ByteTrack's 1/160 per frame at 30 fps. Covers
    /// a vehicle braking or pulling away at a few m/s².
    /// </summary>
    internal const double VelocityNoiseRate = 1.0;

    /// <summary>Initial velocity uncertainty in sizes per second (ByteTrack's 10/160 per frame at 30 fps ≈ 1.9).</summary>
    internal const double InitialVelocityStd = 2.0;

    /// <summary>
    /// Sizes change far more slowly than positions (a vehicle grows as it approaches over seconds), so their
    /// velocity noise is a tenth of the centre's; that keeps a jittery box from inflating or shrinking.
    /// </summary>
    internal const double SizeNoiseFactor = 0.1;

    /// <summary>Smallest size, in pixels, the noise is scaled by.</summary>
    internal const double MinNoiseSize = 10;

    private KalmanAxis _cx;
    private KalmanAxis _cy;
    private KalmanAxis _w;
    private KalmanAxis _h;

    /// <summary>The filtered (or predicted) box.</summary>
    public readonly BoxF Box
    {
        get
        {
            double w = Math.Max(_w.X, 1), h = Math.Max(_h.X, 1);
            return new BoxF((float)(_cx.X - (w / 2)), (float)(_cy.X - (h / 2)), (float)(_cx.X + (w / 2)), (float)(_cy.X + (h / 2)));
        }
    }

    /// <summary>Velocity of the centre along x, pixels per second.</summary>
    public readonly float VelocityX => (float)_cx.V;

    /// <summary>Velocity of the centre along y, pixels per second.</summary>
    public readonly float VelocityY => (float)_cy.V;

    /// <summary>Starts at the measured box with zero velocity and a wide velocity uncertainty.</summary>
    public void Initiate(in BoxF box)
    {
        double w = Size(box.Width), h = Size(box.Height);
        _cx.Initiate(box.CenterX, 2 * MeasurementStd * w, InitialVelocityStd * w);
        _cy.Initiate(box.CenterY, 2 * MeasurementStd * h, InitialVelocityStd * h);
        _w.Initiate(box.Width, 2 * MeasurementStd * w, InitialVelocityStd * w * SizeNoiseFactor);
        _h.Initiate(box.Height, 2 * MeasurementStd * h, InitialVelocityStd * h * SizeNoiseFactor);
    }

    /// <summary>Moves the state <paramref name="dt"/> seconds ahead.</summary>
    public void Predict(double dt)
    {
        if (dt <= 0)
        {
            return;
        }

        double w = Size(_w.X), h = Size(_h.X);
        double qp = PositionNoiseRate * PositionNoiseRate * dt, qv = VelocityNoiseRate * VelocityNoiseRate * dt;
        _cx.Predict(dt, qp * w * w, qv * w * w);
        _cy.Predict(dt, qp * h * h, qv * h * h);
        _w.Predict(dt, qp * w * w, qv * w * w * SizeNoiseFactor * SizeNoiseFactor);
        _h.Predict(dt, qp * h * h, qv * h * h * SizeNoiseFactor * SizeNoiseFactor);
    }

    /// <summary>Corrects the state with a measured box.</summary>
    public void Update(in BoxF box)
    {
        double w = Size(_w.X), h = Size(_h.X);
        double rw = MeasurementStd * MeasurementStd * w * w, rh = MeasurementStd * MeasurementStd * h * h;
        _cx.Update(box.CenterX, rw);
        _cy.Update(box.CenterY, rh);
        _w.Update(box.Width, rw);
        _h.Update(box.Height, rh);
    }

    /// <summary>
    /// Squared Mahalanobis distance of a box's centre from the predicted centre (2 degrees of freedom). Width and
    /// height are left out: boxes clipped at the image edge and partly hidden objects change size abruptly.
    /// </summary>
    public readonly double CentreDistanceSquared(in BoxF box)
    {
        double w = Size(_w.X), h = Size(_h.X);
        double dx = box.CenterX - _cx.X, dy = box.CenterY - _cy.X;
        return (dx * dx / (_cx.Pxx + (MeasurementStd * MeasurementStd * w * w))) + (dy * dy / (_cy.Pxx + (MeasurementStd * MeasurementStd * h * h)));
    }

    /// <summary>
    /// Scales the centre's velocity by <paramref name="factor"/> and stops the size from changing; used while a
    /// track is lost, when nothing confirms the motion (ByteTrack zeroes the height velocity likewise).
    /// </summary>
    public void DampVelocity(double factor)
    {
        _cx.V *= factor;
        _cy.V *= factor;
        _w.V = 0;
        _h.V = 0;
    }

    /// <summary>
    /// The size noise is scaled by, with a floor: a box a few pixels across still jitters by a pixel, and
    /// noise proportional to its size alone would make the filter and its gate overconfident.
    /// </summary>
    private static double Size(double s) => Math.Max(s, MinNoiseSize);
}
