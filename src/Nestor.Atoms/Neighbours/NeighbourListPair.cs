namespace Nestor.Atoms.Neighbours;

/// <summary>
/// The last two neighbour lists built for one cutoff and skin. A rejected trial move (an NS or MC cell move, an MD
/// trajectory that overshoots the enthalpy ceiling) puts the structure back where it was before the move; when the
/// move forced a rebuild, the list built before it is still exact for the restored structure, and
/// <see cref="For"/> hands that one back instead of building again.
/// </summary>
public sealed class NeighbourListPair
{
    private NeighbourList _current, _spare;

    /// <summary>Creates two empty lists for a cutoff and skin (Angstrom), full or half.</summary>
    public NeighbourListPair(double cutoff, double skin = 0.0, bool half = false)
    {
        _current = new NeighbourList(cutoff, skin, half);
        _spare = new NeighbourList(cutoff, skin, half);
    }

    /// <summary>The list handed out last.</summary>
    public NeighbourList Current => _current;

    /// <summary>Rebuilds of both lists together.</summary>
    public long Rebuilds => _current.Rebuilds + _spare.Rebuilds;

    /// <summary>
    /// The list to use for <paramref name="s"/>: the current one while it is still exact, otherwise the other one,
    /// which is either exact already (the structure came back to where that list was built) or is the older of the
    /// two and gets rebuilt by the caller's <see cref="NeighbourList.Prepare"/> or <see cref="NeighbourList.Update"/>.
    /// </summary>
    public NeighbourList For(Structure s)
    {
        if (_current.NeedsRebuild(s)) (_current, _spare) = (_spare, _current);
        return _current;
    }

    /// <summary>Forces both lists to rebuild on their next use.</summary>
    public void Invalidate()
    {
        _current.Invalidate();
        _spare.Invalidate();
    }
}
