using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

public class LayoutTests
{
    [Fact]
    public void Ground_and_image_homographies_are_inverse_and_match_the_calibration_points()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 1), null);
        SceneLayout layout = scene.Layout;
        foreach (Vector2 g in new Vector2[] { new(0, 0), new(-5, 12), new(10, -8), new(3, 40) })
        {
            Vector2 px = layout.GroundToImage.Map(g);
            Assert.True(layout.ImageToGround.TryMap(px, out Vector2 back));
            Assert.True(Vector2.Distance(g, back) < 0.01f, $"{g} -> {px} -> {back}");
        }

        // A homography solved from the four published point pairs agrees with the camera's.
        PlaneHomography solved = PlaneHomography.FromCorrespondences([.. layout.CalibrationImagePoints], [.. layout.CalibrationGroundPoints]);
        Vector2 probe = layout.GroundToImage.Map(new Vector2(2, 25));
        Assert.True(Vector2.Distance(solved.Map(probe), new Vector2(2, 25)) < 0.05f);

        // The sky does not map to the ground.
        Assert.False(layout.ImageToGround.TryMap(new Vector2(320, 0), out _));
    }

    [Fact]
    public void The_intersection_has_four_approaches_with_stop_lines_and_zones_in_the_picture()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Light, 1), null);
        Assert.Equal(4, scene.Layout.Approaches.Count);
        foreach (ApproachLayout a in scene.Layout.Approaches)
        {
            Assert.True(a.StopLine);
            Assert.Equal(4, a.EntryZone.Count);
            Vector2 centre = (a.EntryZone[0] + a.EntryZone[1] + a.EntryZone[2] + a.EntryZone[3]) / 4;
            Assert.InRange(centre.X, 0, scene.Width);
            Assert.InRange(centre.Y, 0, scene.Height);
            Assert.InRange(a.InboundDirection.Length(), 0.99f, 1.01f);
        }

        // Southbound traffic from the north arm moves down the picture; northbound from the south moves up.
        Assert.True(scene.Layout.Find(Approach.North)!.InboundDirection.Y > 0.5f);
        Assert.True(scene.Layout.Find(Approach.South)!.InboundDirection.Y < -0.5f);
        Assert.Null(scene.Layout.Find(Approach.None));
    }

    [Fact]
    public void A_visible_vehicles_box_bottom_maps_back_near_its_ground_position()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Light, 5), 2, null);
        using var frame = SceneTestKit.NewFrame(scene);
        var users = new RoadUserState[512];
        int checkedCount = 0;
        for (int i = 0; i < 30; i++)
        {
            // Road-user state is read before rendering: RenderNext draws the current state, then steps.
            int n = scene.CopyRoadUsers(users);
            scene.RenderNext(frame);
            foreach (GroundTruthObject o in frame.GroundTruth!.Objects)
            {
                if (o.Class != TrafficClass.Car || o.Visibility < 0.99f || o.Box.Y2 >= scene.Height - 1 || o.Box.Width < 20)
                {
                    continue;
                }

                RoadUserState u = users.AsSpan(0, n).ToArray().Single(s => s.ObjectId == o.ObjectId);
                Assert.True(scene.Layout.ImageToGround.TryMap(new Vector2(o.Box.CenterX, o.Box.Y2), out Vector2 ground));
                Assert.True(Vector2.Distance(ground, u.Position) < 3.5f, $"{o} maps to {ground}, truth {u.Position}");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 10, $"only {checkedCount} cars checked");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("road")]
    public void The_layout_without_a_scene_is_the_scene_s_layout(string preset)
    {
        var options = ScenarioCatalog.Get(preset);
        SceneLayout fromScene = new SyntheticTrafficScene(options, null).Layout;
        SceneLayout alone = SyntheticTrafficScene.LayoutFor(options);

        Assert.Equal(fromScene.Scene, alone.Scene);
        Assert.Equal(fromScene.CalibrationImagePoints, alone.CalibrationImagePoints);
        Assert.Equal(fromScene.CalibrationGroundPoints, alone.CalibrationGroundPoints);
        Assert.Equal(fromScene.Approaches.Count, alone.Approaches.Count);
        for (int i = 0; i < alone.Approaches.Count; i++)
        {
            Assert.Equal(fromScene.Approaches[i].Approach, alone.Approaches[i].Approach);
            Assert.Equal(fromScene.Approaches[i].CountingLine, alone.Approaches[i].CountingLine);
            Assert.Equal(fromScene.Approaches[i].EntryZone, alone.Approaches[i].EntryZone);
            Assert.Equal(fromScene.Approaches[i].ExitZone, alone.Approaches[i].ExitZone);
        }
    }
}
