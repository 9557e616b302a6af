// mg_hbfp_array: the weight-stationary block systolic array of HBFP
// (docs/spec/hbfp.md section 4) and of MX (docs/spec/mx.md section 7: float or int8
// elements, E8M0 scales; the PE and edge parameters below), Rows x Cols PEs in G = Rows/Block groups, one edge unit per
// group and column.  The protocol is a fixed schedule, documented in full
// in docs/hbfp_array.md; in short, with L the acc chain's cycles per group
// (0 for Pipe = 0, 1 for Pipe = 1 or 2, 2 for Pipe = 3, 3 for Pipe = 4) and a wavefront
// (one row x of X, one K-slice of Rows values) started in cycle t:
//   a_i[k],  k = g*Block + j     in cycle t + j + g*L       (row skew)
//   ea_i[g], en_i[g]             in cycle t + Block - 1 + g*L (en_i[g] = 0:
//                                group g holds no block of K in this pass)
//   acc_i[c]                     in cycle t + Block + (Pipe >= 2) + c
//   acc_o[c], flags_o[c]         in cycle t + Lat + c, with valid_o[c] high,
//                                Lat = Block + (G-1)*L + (Pipe >= 2) + L
// A new wavefront may start every cycle.  Weights: Rows cycles of load_w_i
// shift w_i in at the top (bottom row first); G cycles of load_e_i shift
// eb_i in at group 0 (last group first).  Load only when the array is
// drained (every started wavefront has left valid_o).
// Vectors are flat: row k's activation is a_i[k*N +: N], column c's weight
// w_i[c*N +: N], its result acc_o[c*AccWidth +: AccWidth].
`default_nettype none

module mg_hbfp_array #(
  parameter integer Rows     = 16,
  parameter integer Cols     = 16,
  parameter integer N        = 4,   // mantissa bits including the sign
  parameter integer Block    = 16,  // B: Rows is a multiple of it
  parameter integer SumWidth = 11,  // 2N - 1 + log2(Block)
  parameter integer ExpBits  = 8,   // accumulation format
  parameter integer FracBits = 23,
  parameter integer Bias     = 127,
  parameter integer Specials = 0,
  parameter integer Sub      = 1,
  parameter integer Pipe     = 0,   // edge-unit registers (mg_hbfp_edge)
  parameter integer ExpWidth = 12,
  // MX (defaults: HBFP): element format of the PEs, scales of the edge units
  parameter integer ElemExp      = 0,   // 0: integer elements
  parameter integer ElemFrac     = 3,
  parameter integer ElemSpecials = 2,
  parameter integer MagWidth     = 4,
  parameter integer SpecBits     = 0,   // 4: Inf/NaN bits beside the column sums
  parameter integer ScaleE8M0    = 0,
  parameter integer ExpOffset    = -2 * (N - 1)
) (
  input  wire                                 clk_i,
  input  wire                                 rst_ni,
  input  wire                                 load_w_i,
  input  wire [Cols*N-1:0]                    w_i,
  input  wire                                 load_e_i,
  input  wire [Cols*8-1:0]                    eb_i,
  input  wire                                 valid_i,
  input  wire [Rows*N-1:0]                    a_i,
  input  wire [(Rows/Block)*8-1:0]            ea_i,
  input  wire [(Rows/Block)-1:0]              en_i,
  input  wire [Cols*(ExpBits+FracBits+1)-1:0] acc_i,
  output wire [Cols*(ExpBits+FracBits+1)-1:0] acc_o,
  output wire [Cols*5-1:0]                    flags_o,
  output wire [Cols-1:0]                      valid_o
);
  localparam integer Groups   = Rows / Block;
  localparam integer AccWidth = ExpBits + FracBits + 1;
  localparam integer L        = (Pipe >= 4) ? 3 : (Pipe == 3) ? 2 : (Pipe >= 1) ? 1 : 0;  // edge stages stop at 4
  localparam integer Lat      = Block + (Groups - 1) * L + ((Pipe >= 2) ? 1 : 0) + L;
  localparam integer VDepth   = Lat + Cols - 1;
  localparam integer PsumWidth = SumWidth + SpecBits;

  // PE outputs, flat, index (k*Cols + c).
  wire [Rows*Cols*N-1:0]        w_q;
  wire [Rows*Cols*N-1:0]        a_q;
  wire [Rows*Cols*PsumWidth-1:0] psum_q;
  // Edge outputs, flat, index (g*Cols + c).
  wire [Groups*Cols*8-1:0]        ea_q;
  wire [Groups*Cols*8-1:0]        eb_q;
  wire [Groups*Cols-1:0]          en_q;
  wire [Groups*Cols*AccWidth-1:0] acc_q;
  wire [Groups*Cols*5-1:0]        flags_q;

  genvar k, c, g;
  generate
    for (k = 0; k < Rows; k = k + 1) begin : gen_row
      for (c = 0; c < Cols; c = c + 1) begin : gen_col
        wire [N-1:0]        w_in;
        wire [N-1:0]        a_in;
        wire [PsumWidth-1:0] psum_in;
        if (k == 0) begin : gen_w_top
          assign w_in = w_i[c*N +: N];
        end else begin : gen_w_chain
          assign w_in = w_q[((k-1)*Cols + c)*N +: N];
        end
        if (c == 0) begin : gen_a_left
          assign a_in = a_i[k*N +: N];
        end else begin : gen_a_chain
          assign a_in = a_q[(k*Cols + c - 1)*N +: N];
        end
        if (k % Block == 0) begin : gen_psum_top
          assign psum_in = {PsumWidth{1'b0}};
        end else begin : gen_psum_chain
          assign psum_in = psum_q[((k-1)*Cols + c)*PsumWidth +: PsumWidth];
        end
        mg_hbfp_pe #(
          .N            (N),
          .SumWidth     (SumWidth),
          .ElemExp      (ElemExp),
          .ElemFrac     (ElemFrac),
          .ElemSpecials (ElemSpecials),
          .MagWidth     (MagWidth),
          .SpecBits     (SpecBits)
        ) u_pe (
          .clk_i  (clk_i),
          .rst_ni (rst_ni),
          .load_i (load_w_i),
          .w_i    (w_in),
          .w_o    (w_q[(k*Cols + c)*N +: N]),
          .a_i    (a_in),
          .a_o    (a_q[(k*Cols + c)*N +: N]),
          .psum_i (psum_in),
          .psum_o (psum_q[(k*Cols + c)*PsumWidth +: PsumWidth])
        );
      end
    end

    for (g = 0; g < Groups; g = g + 1) begin : gen_group
      for (c = 0; c < Cols; c = c + 1) begin : gen_edge
        wire [7:0]          ea_in;
        wire                en_in;
        wire [7:0]          eb_in;
        wire [AccWidth-1:0] acc_in;
        wire [4:0]          flags_in;
        if (c == 0) begin : gen_ea_left
          assign ea_in = ea_i[g*8 +: 8];
          assign en_in = en_i[g];
        end else begin : gen_ea_chain
          assign ea_in = ea_q[(g*Cols + c - 1)*8 +: 8];
          assign en_in = en_q[g*Cols + c - 1];
        end
        if (g == 0) begin : gen_first
          assign eb_in    = eb_i[c*8 +: 8];
          assign acc_in   = acc_i[c*AccWidth +: AccWidth];
          assign flags_in = 5'd0;
        end else begin : gen_chain
          assign eb_in    = eb_q[((g-1)*Cols + c)*8 +: 8];
          assign acc_in   = acc_q[((g-1)*Cols + c)*AccWidth +: AccWidth];
          assign flags_in = flags_q[((g-1)*Cols + c)*5 +: 5];
        end
        mg_hbfp_edge #(
          .N        (N),
          .SumWidth (SumWidth),
          .ExpBits  (ExpBits),
          .FracBits (FracBits),
          .Bias     (Bias),
          .Specials (Specials),
          .Sub      (Sub),
          .Pipe     (Pipe),
          .ExpWidth (ExpWidth),
          .ScaleE8M0 (ScaleE8M0),
          .ExpOffset (ExpOffset),
          .SpecBits (SpecBits)
        ) u_edge (
          .clk_i    (clk_i),
          .rst_ni   (rst_ni),
          .load_e_i (load_e_i),
          .eb_i     (eb_in),
          .eb_o     (eb_q[(g*Cols + c)*8 +: 8]),
          .ea_i     (ea_in),
          .ea_o     (ea_q[(g*Cols + c)*8 +: 8]),
          .en_i     (en_in),
          .en_o     (en_q[g*Cols + c]),
          .psum_i   (psum_q[((g*Block + Block - 1)*Cols + c)*PsumWidth +: PsumWidth]),
          .acc_i    (acc_in),
          .flags_i  (flags_in),
          .acc_o    (acc_q[(g*Cols + c)*AccWidth +: AccWidth]),
          .flags_o  (flags_q[(g*Cols + c)*5 +: 5])
        );
      end
    end

    for (c = 0; c < Cols; c = c + 1) begin : gen_out
      assign acc_o[c*AccWidth +: AccWidth] = acc_q[((Groups-1)*Cols + c)*AccWidth +: AccWidth];
      assign flags_o[c*5 +: 5]             = flags_q[((Groups-1)*Cols + c)*5 +: 5];
    end
  endgenerate

  // ---- valid_o: valid_i delayed by Lat + c cycles for column c.
  mg_valid_delay #(
    .Depth (VDepth), .Taps (Cols)
  ) u_valid_delay (
    .clk_i (clk_i), .rst_ni (rst_ni), .valid_i (valid_i), .valid_o (valid_o)
  );
  // Bits of the chains that leave the grid: the bottom weights, the rightmost
  // activations and activation exponents, the last group's weight exponents,
  // the partial sums of rows that are not a group's last.
  wire unused_ok = &{1'b0, w_q, a_q, psum_q, ea_q, en_q, eb_q, acc_q, flags_q, 1'b0};

`ifdef MG_CHECK_PROTOCOL
  // ---- Simulation-only protocol checks (docs/hbfp_array.md, "Rules"):
  // compiled only with MG_CHECK_PROTOCOL defined, which synthesis never
  // is; `macgen verify` defines it.  Each misuse the rules call undefined
  // is reported with $error instead of computing garbage silently.
  // Cycles count from the release of rst_ni (the first cycle is 0).
  integer chk_cycle;  // this cycle
  integer chk_last_v; // the last cycle with valid_i high (before this one)
  integer chk_nw;     // load_w_i cycles since the last wavefront
  integer chk_ne;     // load_e_i cycles since the last wavefront
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      chk_cycle  <= 0;
      chk_last_v <= -VDepth;  // drained
      chk_nw     <= 0;
      chk_ne     <= 0;
    end else begin
      // Rule 2: a load (either chain) only in a drained array, i.e. from
      // the cycle the last wavefront's valid_o[Cols-1] is high.
      if ((load_w_i || load_e_i) && (valid_i || chk_cycle < chk_last_v + VDepth))
        $error("protocol: %s in cycle %0d, the wavefront of cycle %0d in flight: load from cycle %0d on",
               load_w_i ? "load_w_i" : "load_e_i", chk_cycle, valid_i ? chk_cycle : chk_last_v,
               (valid_i ? chk_cycle : chk_last_v) + VDepth);
      // Rule 1: a load is Rows load_w_i cycles and Groups load_e_i cycles
      // (or none of either) between two streams.
      if (valid_i && chk_nw != 0 && chk_nw != Rows)
        $error("protocol: wavefront in cycle %0d after %0d load_w_i cycles: a load takes %0d", chk_cycle,
               chk_nw, Rows);
      if (valid_i && chk_ne != 0 && chk_ne != Groups)
        $error("protocol: wavefront in cycle %0d after %0d load_e_i cycles: a load takes %0d", chk_cycle,
               chk_ne, Groups);
      chk_cycle <= chk_cycle + 1;
      if (valid_i) begin
        chk_last_v <= chk_cycle;
        chk_nw     <= 0;
        chk_ne     <= 0;
      end else begin
        if (load_w_i) chk_nw <= chk_nw + 1;
        if (load_e_i) chk_ne <= chk_ne + 1;
      end
    end
  end
`endif
endmodule

`default_nettype wire
