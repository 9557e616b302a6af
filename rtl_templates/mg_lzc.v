// mg_lzc: leading-zero count.  count_o = number of zeros above the highest
// set bit of in_i (Width when in_i is 0).
//
// A log-depth tree: the input is zero-padded at the bottom to P = 2^L bits;
// level 0 holds, per bit, "all zero" and an empty count; each level merges
// neighbouring pairs of blocks (upper half, lower half):
//   zero  = zero_hi & zero_lo
//   count = zero_hi ? {1, count_lo} : {0, count_hi}
// so a block of 2^k bits has a k-bit count and the root gives the count in
// L bits plus its zero flag; depth grows with log2(Width), not Width.  The
// padding never changes the count of a nonzero input, and an all-zero input
// gives Width (not P) through zero_o.
`default_nettype none

module mg_lzc #(
  parameter integer Width      = 16,
  parameter integer CountWidth = 5  // 2^CountWidth > Width
) (
  input  wire [Width-1:0]      in_i,
  output wire [CountWidth-1:0] count_o,
  output wire                  zero_o
);
  localparam integer Levels = (Width > 1) ? $clog2(Width) : 1;
  localparam integer Padded = 1 << Levels;
  localparam [31:0]  WidthVec = Width;

  wire [Padded-1:0] padded;
  generate
    if (Padded > Width) begin : gen_pad
      assign padded = {in_i, {(Padded-Width){1'b0}}};
    end else begin : gen_fit
      assign padded = in_i;
    end
  endgenerate

  // The tree, level by level (one always block, unrolled by every tool).
  // Level k has Padded >> k blocks of 2^k bits, stored after the blocks of
  // the levels below it: block i's zero flag is zeros[i], its count (at most
  // Levels bits) counts[i*Levels +: Levels].  Level 0 is one block per bit,
  // block 0 the top bit.
  localparam integer Blocks = 2 * Padded - 1;
  reg [Blocks-1:0]        zeros;
  reg [Blocks*Levels-1:0] counts;
  reg [Levels-1:0]        half;  // 2^(k-1): the upper half's size in bits
  integer k, b, src, dst;
  always @* begin
    zeros  = {Blocks{1'b0}};
    counts = {(Blocks*Levels){1'b0}};
    for (b = 0; b < Padded; b = b + 1) zeros[b] = ~padded[Padded-1-b];
    src  = 0;
    dst  = Padded;
    half = {{(Levels-1){1'b0}}, 1'b1};
    for (k = 1; k <= Levels; k = k + 1) begin
      for (b = 0; b < (Padded >> k); b = b + 1) begin
        zeros[dst+b] = zeros[src+2*b] & zeros[src+2*b+1];
        counts[(dst+b)*Levels +: Levels] = zeros[src+2*b] ? (half | counts[(src+2*b+1)*Levels +: Levels])
                                                          : counts[(src+2*b)*Levels +: Levels];
      end
      src  = dst;
      dst  = dst + (Padded >> k);
      half = half << 1;
    end
  end

  wire            all_zero = zeros[Blocks-1];
  wire [Levels:0] root     = {1'b0, counts[(Blocks-1)*Levels +: Levels]};
  wire [31:0]     root_ext = {{(31-Levels){1'b0}}, root};
  wire [31:0]     count    = all_zero ? WidthVec : root_ext;

  assign count_o = count[CountWidth-1:0];
  assign zero_o  = all_zero;

  wire unused_ok = &{1'b0, count[31:CountWidth], 1'b0};
endmodule

`default_nettype wire
