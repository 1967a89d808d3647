namespace SmartCity.Edge.Tracking;

/// <summary>
/// One coordinate of the box filter with its rate of change: position, velocity per second and their 2×2
/// covariance. The box filter's state (cx, cy, w, h and their velocities) has a block-diagonal transition
/// and diagonal noise, so its covariance stays block-diagonal and four of these filters are exactly the
/// 8-state filter of SORT/ByteTrack at a fraction of the arithmetic.
/// </summary>
internal struct KalmanAxis
{
    /// <summary>Position (pixels).</summary>
    public double X;

    /// <summary>Velocity (pixels per second).</summary>
    public double V;

    /// <summary>Variance of the position.</summary>
    public double Pxx;

    /// <summary>Covariance of position and velocity.</summary>
    public double Pxv;

    /// <summary>Variance of the velocity.</summary>
    public double Pvv;

    public void Initiate(double position, double positionStd, double velocityStd)
    {
        X = position;
        V = 0;
        Pxx = positionStd * positionStd;
        Pxv = 0;
        Pvv = velocityStd * velocityStd;
    }

    /// <summary>Constant-velocity step of <paramref name="dt"/> seconds with process-noise variances added.</summary>
    public void Predict(double dt, double positionNoiseVariance, double velocityNoiseVariance)
    {
        X += V * dt;
        Pxx += (2 * dt * Pxv) + (dt * dt * Pvv) + positionNoiseVariance;
        Pxv += dt * Pvv;
        Pvv += velocityNoiseVariance;
    }

    /// <summary>Measurement update with a position measurement of the given variance.</summary>
    public void Update(double measurement, double measurementVariance)
    {
        double s = Pxx + measurementVariance;
        double kx = Pxx / s, kv = Pxv / s;
        double innovation = measurement - X;
        X += kx * innovation;
        V += kv * innovation;

        // Joseph-free form is fine here: the gains come from a 1×1 innovation and stay in (0, 1).
        double pxx = Pxx, pxv = Pxv;
        Pxx = (1 - kx) * pxx;
        Pxv = (1 - kx) * pxv;
        Pvv -= kv * pxv;
    }
}
