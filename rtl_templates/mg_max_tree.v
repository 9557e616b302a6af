// mg_max_tree: the largest of Count unsigned Width-bit values, as a balanced
// tree (depth log2(Count)): node 0 is the root, nodes Count-1 .. 2*Count-2
// the leaves, node i = max(node 2i+1, node 2i+2).  Count is a power of two.
// Every bit is assigned on each pass (leaves first), so this is no latch.
`default_nettype none

module mg_max_tree #(
  parameter integer Width = 31,
  parameter integer Count = 8
) (
  input  wire [Count*Width-1:0] in_i,   // value i at [i*Width +: Width]
  output wire [Width-1:0]       max_o
);
  reg [Width*(2*Count-1)-1:0] node;
  integer i;
  always @* begin
    for (i = 0; i < Count; i = i + 1)
      node[(Count-1+i)*Width +: Width] = in_i[i*Width +: Width];
    for (i = Count-2; i >= 0; i = i - 1)
      node[i*Width +: Width] = (node[(2*i+1)*Width +: Width] > node[(2*i+2)*Width +: Width])
                               ? node[(2*i+1)*Width +: Width] : node[(2*i+2)*Width +: Width];
  end
  assign max_o = node[Width-1:0];
endmodule

`default_nettype wire
